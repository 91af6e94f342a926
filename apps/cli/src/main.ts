#!/usr/bin/env node
// No `reflect-metadata` here: only `vouch serve` evaluates type-graphql classes, through
// `@vouch/api`, whose entry imports it first; `vouch token` and `--help` start without it.
import { runCli } from './cli';

void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

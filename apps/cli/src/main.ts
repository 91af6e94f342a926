#!/usr/bin/env node
// Decorator metadata must exist before any type-graphql class is evaluated.
import 'reflect-metadata';
import { runCli } from './cli';

void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

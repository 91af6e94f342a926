#!/usr/bin/env node
// Decorator metadata must exist before any type-graphql class is evaluated (DESIGN.md: first in
// every entry point). It is one small module; the cold-start cost is in what commands load.
import 'reflect-metadata';
import { runCli } from './cli';

void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

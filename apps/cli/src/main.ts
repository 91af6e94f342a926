#!/usr/bin/env node
// Decorator metadata must exist before any type-graphql class is evaluated (DESIGN.md: first in
// every entry point). It is one small module; the cold-start cost is in what commands load.
import 'reflect-metadata';
import { relaunchWithHeapBound, stopWithSupervisor } from './heap/heap-bound';

// `serve` and `start` run in a child with a bounded heap (heap/heap-bound.ts); this process
// then only passes signals on, so the CLI is loaded in the child alone.
const argv = process.argv.slice(2);
const relaunched = relaunchWithHeapBound(argv, process.argv[1]!);
if (!relaunched) stopWithSupervisor();
void (relaunched ?? import('./cli').then(({ runCli }) => runCli(argv))).then((code) => {
  process.exitCode = code;
});

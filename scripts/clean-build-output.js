#!/usr/bin/env node
// Removes a package's build output (dist and tsc's build info) before `npm pack` builds it
// again: tsc -b never deletes the output of a source that was removed, and npm would ship it.
const { rmSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.argv[2] ?? '.';
for (const output of ['dist', 'tsconfig.tsbuildinfo'])
  rmSync(join(dir, output), { recursive: true, force: true });

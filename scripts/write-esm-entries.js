#!/usr/bin/env node
// Writes the ES module entry points of a package next to its CommonJS build: for every
// `exports` entry, `dist/<entry>.mjs` and `dist/<entry>.d.mts` re-export `dist/<entry>.js`.
// A wrapper rather than a second build, so a program that loads a package through both
// `import` and `require` gets one copy of each class (`instanceof` on errors keeps working)
// and one copy of module state. Node finds the CommonJS names with its export lexer; the
// packed-tarball test checks that every CommonJS export is reachable by `import`.
// Usage: node scripts/write-esm-entries.js <package dir>... (default: every packages/* dir)
const { existsSync, readdirSync, readFileSync, writeFileSync } = require('node:fs');
const { basename, join } = require('node:path');

const root = join(__dirname, '..');
const dirs = process.argv.slice(2);
const packageDirs =
  dirs.length > 0 ? dirs : readdirSync(join(root, 'packages')).map((d) => join(root, 'packages', d));

for (const dir of packageDirs) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const target of Object.values(pkg.exports ?? {})) {
    if (typeof target !== 'object') continue;
    const cjs = join(dir, target.require.default);
    if (!existsSync(cjs))
      throw new Error(`${pkg.name}: ${target.require.default} is not built (run tsc -b first)`);
    const reexport = `export * from './${basename(cjs)}';\n`;
    writeFileSync(join(dir, target.import.default), reexport);
    writeFileSync(join(dir, target.import.types), reexport);
  }
}

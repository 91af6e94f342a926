#!/usr/bin/env node
// `npm start`: build the CLI (incremental: seconds once built), then `vouch start` — seed
// the demo program on the first run, serve the GraphQL API with GraphiQL, print a token
// per role. Arguments after `--` go to `vouch start` (e.g. `npm start -- --port 4100`).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
process.stdout.write('Building Vouch (tsc -b apps/cli)…\n');
const started = Date.now();
const cliMain = path.join(root, 'apps', 'cli', 'dist', 'main.js');
const build = (...flags) =>
  spawnSync(process.execPath, [tsc, '-b', ...flags, path.join(root, 'apps', 'cli')], {
    cwd: root,
    stdio: 'inherit',
  });
let result = build();
// tsc -b trusts its .tsbuildinfo files: a deleted dist/ looks up to date. Rebuild then.
if (result.status === 0 && !fs.existsSync(cliMain)) result = build('--force');
if (result.status !== 0) {
  process.stderr.write('The build failed; see the errors above.\n');
  process.exit(result.status ?? 1);
}
process.stdout.write(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
// tsc writes files without the executable bit; `npx vouch` runs the bin directly.
fs.chmodSync(cliMain, 0o755);

// The server runs with a bounded heap (`--max-heap`, VOUCH_MAX_HEAP_MB): a child node started
// with it, as `vouch start` from the command line does; this process passes signals on.
const argv = ['start', ...process.argv.slice(2)];
const { relaunchWithHeapBound } = require(path.join(root, 'apps', 'cli', 'dist', 'heap', 'heap-bound.js'));
const relaunched = relaunchWithHeapBound(argv, cliMain);
const run = () => {
  require('reflect-metadata');
  return require(path.join(root, 'apps', 'cli', 'dist', 'cli.js')).runCli(argv);
};
(relaunched ?? run()).then((code) => {
  process.exitCode = code;
});

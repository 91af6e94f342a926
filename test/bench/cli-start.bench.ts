/**
 * CLI cold start benchmark (a script, not a test): wall time of `vouch token` and
 * `vouch --help` run from the built `dist` (what users install), against a bare `node -e 0`
 * start in the same run (the runtime's own floor), interleaved ROUNDS times; medians.
 * Build first: `npm run build`.
 *
 *   npm run bench:cli -- [--rounds 15] [--before <an older build's main.js>]
 * With --before, `vouch token` of that build runs in the same rounds (the before/after of
 * docs/benchmarks.md: the base commit's apps/cli built and copied aside).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const ROUNDS = Number(args.get('rounds') ?? 15);
const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'apps', 'cli', 'dist', 'main.js');
if (!existsSync(MAIN)) {
  process.stderr.write(`${MAIN} is missing: run \`npm run build\` first.\n`);
  process.exit(2);
}
const dataDir = mkdtempSync(join(tmpdir(), 'vouch-cli-bench-'));
const env = { ...process.env, VOUCH_JWT_SECRET: '', NODE_OPTIONS: '' };

// CPU milliseconds (user + system) of the children this process has waited for, from
// /proc/self/stat (Linux; clock ticks of 10 ms): on a loaded machine the wall clock of a
// start mostly measures waiting for a core, its CPU time far less.
function childrenCpuMs(): number | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

const cpuSamples = new Map<string, number[]>();

/** Milliseconds one process took from spawn to exit (its CPU ms kept under `name`); throws when it failed. */
function timed(argv: readonly string[], name?: string): number {
  const cpuBefore = childrenCpuMs();
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, argv, { env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`${argv.join(' ')} exited ${run.status}: ${run.stderr}`);
  const cpuAfter = childrenCpuMs();
  if (name !== undefined && cpuBefore !== undefined && cpuAfter !== undefined) {
    cpuSamples.set(name, [...(cpuSamples.get(name) ?? []), cpuAfter - cpuBefore]);
  }
  return ms;
}

const workloads: Record<string, readonly string[]> = {
  'node -e 0 (baseline)': ['-e', '0'],
  'vouch --help': [MAIN, '--help'],
  'vouch token': [MAIN, 'token', '--user', 'u-1', '--roles', 'ADMIN', '--data-dir', dataDir],
};
const BEFORE = args.get('before');
if (BEFORE) {
  workloads['vouch token (--before build)'] = [
    BEFORE,
    'token',
    '--user',
    'u-1',
    '--roles',
    'ADMIN',
    '--data-dir',
    dataDir,
  ];
}
const samples = new Map<string, number[]>(Object.keys(workloads).map((name) => [name, []]));
timed(workloads['vouch token']!); // creates jwt.secret and warms the file cache
const load = loadavg()[0]!.toFixed(2);
for (let round = 0; round < ROUNDS; round += 1) {
  for (const [name, argv] of Object.entries(workloads)) samples.get(name)!.push(timed(argv, name));
}
rmSync(dataDir, { recursive: true, force: true });

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const floor = median(samples.get('node -e 0 (baseline)')!);
process.stdout.write(
  `CLI cold start from dist, ${ROUNDS} rounds, median wall ms (load average before: ${load}, after: ${loadavg()[0]!.toFixed(2)})\n`,
);
const cpuFloor = cpuSamples.has('node -e 0 (baseline)')
  ? median(cpuSamples.get('node -e 0 (baseline)')!)
  : NaN;
process.stdout.write(
  `| command | median ms | min ms | above bare node, ms | CPU ms (median) | CPU ms above bare node |\n|---|---|---|---|---|---|\n`,
);
for (const [name, values] of samples) {
  const m = median(values);
  const cpu = cpuSamples.has(name) ? median(cpuSamples.get(name)!) : NaN;
  process.stdout.write(
    `| ${name} | ${m.toFixed(0)} | ${Math.min(...values).toFixed(0)} | ${(m - floor).toFixed(0)} | ${cpu.toFixed(0)} | ${(cpu - cpuFloor).toFixed(0)} |\n`,
  );
}

/**
 * What a test's PostgreSQL server costs to start and stop (a script, not a test): this
 * worktree's `startPostgresTestServer` and another checkout's (`--base`, e.g. a `git worktree`
 * of the base commit), alternated in one process, so both meet the same load. Reports per
 * start the wall time and the CPU of this process and of the children it waited for (`initdb`,
 * the server), from /proc/self/stat.
 *
 *   SWC_NODE_PROJECT=tsconfig.typecheck.json node -r @swc-node/register \
 *     test/bench/postgres-test-server-start.bench.ts --base /work/wt/x-base [--pairs 3]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { startPostgresTestServer } from '@vouch/event-store-postgres/testing';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const BASE = args.get('base');
const PAIRS = Number(args.get('pairs') ?? 3);
if (!BASE) throw new Error('--base <checkout> is required');

type Start = typeof startPostgresTestServer;
function startOf(checkout: string): Start {
  const path = join(resolve(checkout), 'packages/event-store-postgres/src/testing');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const testing = require(path) as { startPostgresTestServer: Start };
  return testing.startPostgresTestServer;
}

/** CPU seconds of this process and of its waited-for children (utime, stime, cutime, cstime). */
function cpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / 100;
}

async function measured(start: Start): Promise<{ wall: number; cpu: number }> {
  const [t0, c0] = [performance.now(), cpuSeconds()];
  const server = await start();
  await server.stop();
  return { wall: (performance.now() - t0) / 1000, cpu: cpuSeconds() - c0 };
}

async function main(): Promise<void> {
  const builds: [string, Start][] = [
    ['base', startOf(BASE!)],
    ['this', startOf(join(__dirname, '..', '..'))],
  ];
  // One start each first: module loading and the first cluster copy's making are not what is measured.
  for (const [, start] of builds) await measured(start);
  console.log('| pair | build | wall s | CPU s (with children) | load |\n| --- | --- | --- | --- | --- |');
  for (let pair = 1; pair <= PAIRS; pair++) {
    for (const [name, start] of pair % 2 ? builds : [...builds].reverse()) {
      const { wall, cpu } = await measured(start);
      const load = loadavg()
        .map((l) => l.toFixed(1))
        .join(' ');
      console.log(`| ${pair} | ${name} | ${wall.toFixed(2)} | ${cpu.toFixed(2)} | ${load} |`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

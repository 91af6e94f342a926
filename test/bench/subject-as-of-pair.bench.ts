/**
 * subjectAsOf of two builds side by side (a script, not a test): this worktree's built packages
 * and another's (`--base`, e.g. a `git worktree` of the base commit, built), each with its own
 * store and facade over the same 10k-event file, called alternately (the order swapped every
 * call) in one process, so both meet the same load. Reports per call the CPU milliseconds
 * (process.cpuUsage), the wall time, and the bytes allocated in the young generation (run node
 * with `--min-semi-space-size=128 --max-semi-space-size=128` so no scavenge falls inside a
 * call; a call that met one is left out); checks both answer the same.
 *
 *   npm run build   (here and in the base worktree), then
 *   SWC_NODE_PROJECT=tsconfig.typecheck.json node --expose-gc -r @swc-node/register \
 *     test/bench/subject-as-of-pair.bench.ts --base /work/wt/x-base [--events 10000] [--calls 31]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getHeapSpaceStatistics } from 'node:v8';
import type { Principal, createVouch } from '@vouch/application';
import type { SqliteEventStore } from '@vouch/event-store-sqlite';
import { buildAsOfStream } from './support/as-of-stream';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const BASE = args.get('base');
const EVENTS = Number(args.get('events') ?? 10_000);
const CALLS = Number(args.get('calls') ?? 31);
const WARM_UP = 3;
const pm: Principal = { tenantId: 'long', userId: 'pat', roles: ['PROGRAM_MANAGER', 'AUDITOR'] };
const youngBytes = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_used_size;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function sideOf(root: string, filename: string) {
  const { SqliteEventStore: Store } = (await import(
    join(root, 'packages/event-store-sqlite/dist/index.js')
  )) as {
    SqliteEventStore: typeof SqliteEventStore;
  };
  const { createVouch: create } = (await import(join(root, 'packages/application/dist/index.js'))) as {
    createVouch: typeof createVouch;
  };
  const store = Store.open({ filename, masterKey: Buffer.alloc(32, 7), durability: 'NORMAL' });
  return {
    root,
    store,
    vouch: create({ store, dueWorkIntervalMs: 0 }),
    cpu: [] as number[],
    wall: [] as number[],
    bytes: [] as number[],
  };
}

async function main(): Promise<void> {
  if (!BASE) throw new Error('--base <a built worktree to compare with> is required');
  const dir = mkdtempSync(join(tmpdir(), 'vouch-as-of-pair-'));
  const filename = join(dir, 'vouch.db');
  await buildAsOfStream(filename, EVENTS);
  const sides = [await sideOf(resolve(BASE), filename), await sideOf(resolve(__dirname, '../..'), filename)];
  const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const answers: string[] = [];
  for (let i = 0; i < WARM_UP + CALLS; i++) {
    const at = new Date().toISOString();
    answers.length = 0;
    for (const side of i % 2 === 0 ? sides : [...sides].reverse()) {
      collect();
      const young = youngBytes();
      const wall = performance.now();
      const cpu = process.cpuUsage();
      const state = await side.vouch.queries.subjectAsOf(pm, 'advocate', 'ines', at);
      const used = process.cpuUsage(cpu);
      if (i >= WARM_UP) {
        side.wall.push(performance.now() - wall);
        side.cpu.push((used.user + used.system) / 1000);
        const grown = youngBytes() - young;
        if (grown > 0) side.bytes.push(grown);
      }
      if (state?.recordedEvents !== EVENTS) throw new Error(`${side.root}: ${state?.recordedEvents} events`);
      answers.push(JSON.stringify(state));
    }
    if (answers[0] !== answers[1]) throw new Error('the two builds answer differently');
  }
  console.log(
    `load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; ${EVENTS} events, ${CALLS} calls each, answers equal`,
  );
  for (const side of sides)
    console.log(
      `${side.root}: CPU ${median(side.cpu).toFixed(1)} ms, wall ${median(side.wall).toFixed(1)} ms, young generation ${(median(side.bytes) / 2 ** 20).toFixed(2)} MB (${side.bytes.length} calls without a scavenge)`,
    );
  console.log(`this build / base, CPU: ${(median(sides[1]!.cpu) / median(sides[0]!.cpu)).toFixed(3)}`);
  for (const side of sides) {
    await side.vouch.stop();
    await side.store.close();
  }
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});

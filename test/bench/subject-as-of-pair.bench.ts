/**
 * subjectAsOf of two builds side by side (a script, not a test): this worktree's built packages
 * and another's (`--base`, e.g. a `git worktree` of the base commit, built), each with its own
 * store and facade over the same 10k-event file, called alternately (the order swapped every
 * call) in one process, so both meet the same load, at two instants: now (the stream's end) and
 * the middle of the stream's history (half its events recorded by then, an audit of an old date;
 * the two alternate too). Reports per call and instant the CPU milliseconds
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
import { asOfStreamMiddle, buildAsOfStream } from './support/as-of-stream';

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
    end: { cpu: [] as number[], wall: [] as number[], bytes: [] as number[] },
    middle: { cpu: [] as number[], wall: [] as number[], bytes: [] as number[] },
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
  const middle = asOfStreamMiddle(EVENTS);
  for (let i = 0; i < 2 * (WARM_UP + CALLS); i++) {
    const instant = i % 4 < 2 ? 'end' : 'middle';
    const at = instant === 'end' ? new Date().toISOString() : middle;
    const expected = instant === 'end' ? EVENTS : EVENTS / 2;
    answers.length = 0;
    for (const side of i % 2 === 0 ? sides : [...sides].reverse()) {
      collect();
      const young = youngBytes();
      const wall = performance.now();
      const cpu = process.cpuUsage();
      const state = await side.vouch.queries.subjectAsOf(pm, 'advocate', 'ines', at);
      const used = process.cpuUsage(cpu);
      if (i >= 2 * WARM_UP) {
        const figures = side[instant];
        figures.wall.push(performance.now() - wall);
        figures.cpu.push((used.user + used.system) / 1000);
        const grown = youngBytes() - young;
        if (grown > 0) figures.bytes.push(grown);
      }
      if (state?.recordedEvents !== expected || state.effectiveEvents !== expected)
        throw new Error(`${side.root}: ${state?.recordedEvents}/${state?.effectiveEvents} events at ${at}`);
      answers.push(JSON.stringify(state));
    }
    if (answers[0] !== answers[1]) throw new Error(`the two builds answer differently at ${at}`);
  }
  console.log(
    `load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; ${EVENTS} events, ${CALLS} calls each, answers equal`,
  );
  for (const instant of ['end', 'middle'] as const) {
    for (const side of sides) {
      const figures = side[instant];
      console.log(
        `${instant === 'end' ? 'end (now)' : `middle (${middle})`}, ${side.root}: CPU ${median(figures.cpu).toFixed(1)} ms, wall ${median(figures.wall).toFixed(1)} ms, young generation ${(median(figures.bytes) / 2 ** 20).toFixed(2)} MB (${figures.bytes.length} calls without a scavenge)`,
      );
    }
    console.log(
      `${instant}: this build / base, CPU: ${(median(sides[1]![instant].cpu) / median(sides[0]![instant].cpu)).toFixed(3)}`,
    );
  }
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

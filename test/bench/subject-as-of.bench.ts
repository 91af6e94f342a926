/**
 * subjectAsOf benchmark (a script, not a test): one advocate whose stream holds N events
 * (clones of one real attribute update, as the compliance benchmark builds it) in a SQLite
 * store; medians over many calls of
 *   1. the store's own `readStream` of the whole stream (the raw baseline: reading is a floor),
 *   2. `stateAsOf` over the events already read (the replay alone), and the replay as it was
 *      before issue 15 (sorted twice with a parse per comparison, folded twice),
 *   3. the facade's `subjectAsOf` (authorization, reading the stream, the replay), and its path
 *      before issue 15's read15 pass (every page of the stream read into one array, then
 *      `stateAsOf`): `whole stream + stateAsOf`,
 *   4. `subjectAsOf` at an instant in the middle of the stream's history (half its events
 *      recorded and effective by then), as an audit of an old date asks it,
 * in the same process and run, interleaved, against the floor under all of them: better-sqlite3
 * selecting the stream's data and metadata and JSON.parse of both (`sqlite + parse`). Wall
 * and CPU milliseconds (process.cpuUsage) are both reported: on a loaded machine the wall
 * clock mostly measures waiting for a core. With `--expose-gc` (as `npm run bench:as-of` runs
 * it) the heap is collected before each step, so no step pays for the garbage of the one before.
 *
 *   npm run bench:as-of -- [--events 10000] [--calls 30] [--only asOf|wholeStream [--at end|middle] [--dist 1] [--alloc 1]]
 * `--alloc 1` also reports the bytes each call allocates in the young generation (independent of
 * the machine's load); run node with `--min-semi-space-size=128 --max-semi-space-size=128` so no
 * scavenge falls inside a call (a call that met one is left out and counted).
 * `--only` calls one path alone, CALLS times, in a process of its own (run the two back to
 * back): interleaved, each step also pays for collecting the garbage of the others; `--at
 * middle` asks it at the instant in the middle of the stream instead of now.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { cpus, loadavg, tmpdir } from 'node:os';
import { getHeapSpaceStatistics } from 'node:v8';
import { join } from 'node:path';
import { createVouch, type Principal } from '@vouch/application';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { advocateDecider, type DomainEvent } from '@vouch/domain';
import type { RecordedEvent } from '@vouch/event-store';
import { stateAsOf } from '@vouch/projections';
import { asOfStreamMiddle, buildAsOfStream } from './support/as-of-stream';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const EVENTS = Number(args.get('events') ?? 10_000);
const CALLS = Number(args.get('calls') ?? 30);
const ONLY = args.get('only');
const DIST = args.has('dist');
const ALLOC = args.has('alloc');
const AT = args.get('at') ?? 'end';
if (AT !== 'end' && AT !== 'middle') throw new Error(`--at takes end or middle, not ${AT}`);
// The instant in the middle of the stream's history: half its events recorded and effective by then.
const MIDDLE = asOfStreamMiddle(EVENTS);
// Bytes in use in the young generation: grows by exactly what is allocated until a scavenge.
const youngBytes = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_used_size;
// The replay before issue 15: both views sorted with a Date.parse per comparison, folded twice.
function replayBefore(events: readonly RecordedEvent[], at: string) {
  const t = Date.parse(at);
  const inLogOrder = [...events].sort((a, b) =>
    a.checkpoint < b.checkpoint ? -1 : a.checkpoint > b.checkpoint ? 1 : 0,
  );
  const recorded = inLogOrder.filter((e) => Date.parse(e.recordedAt) <= t);
  const effective = inLogOrder
    .filter((e) => Date.parse(e.metadata.effectiveAt) <= t)
    .sort((a, b) => Date.parse(a.metadata.effectiveAt) - Date.parse(b.metadata.effectiveAt));
  const fold = (list: readonly RecordedEvent[]) =>
    list.reduce(
      (state, e) => advocateDecider.evolve(state, e as unknown as DomainEvent as never),
      advocateDecider.initialState,
    );
  return [fold(recorded), fold(effective)];
}

// The facade's read before: every page of the stream kept in one array, then replayed.
async function readWholeStream(store: SqliteEventStore, tenantId: string, streamId: string) {
  const events: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readStream(tenantId, streamId, { fromVersion: events.length + 1, limit: 1000 });
    events.push(...page);
    if (page.length < 1000) return events;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-as-of-'));
  const filename = join(dir, 'vouch.db');
  const stream = await buildAsOfStream(filename, EVENTS);
  // Measured in a store and facade opened afresh: the build's facade would still be catching
  // its read models and process managers up with the appends, on this process's CPU.
  const pm: Principal = { tenantId: 'long', userId: 'pat', roles: ['PROGRAM_MANAGER', 'AUDITOR'] };
  // --dist: the measured store, facade and replay are the built packages (what ships), not the
  // sources this script is transpiled with (run `npm run build` first).
  const code = DIST
    ? {
        ...((await import('../../packages/event-store-sqlite/dist/index.js')) as unknown as {
          SqliteEventStore: typeof SqliteEventStore;
        }),
        ...((await import('../../packages/application/dist/index.js')) as unknown as {
          createVouch: typeof createVouch;
        }),
        ...((await import('../../packages/projections/dist/index.js')) as unknown as {
          stateAsOf: typeof stateAsOf;
        }),
      }
    : { SqliteEventStore, createVouch, stateAsOf };
  const store = code.SqliteEventStore.open({
    filename,
    masterKey: Buffer.alloc(32, 7),
    durability: 'NORMAL',
  });
  const vouch = code.createVouch({ store, dueWorkIntervalMs: 0 });
  const floorDb = new Database(filename, { readonly: true });
  const floorRead = floorDb.prepare(
    'SELECT data, metadata FROM events WHERE tenant_id = ? AND stream_id = ? ORDER BY version',
  );
  const times = {
    floor: [] as number[],
    raw: [] as number[],
    before: [] as number[],
    replay: [] as number[],
    wholeStream: [] as number[],
    asOf: [] as number[],
    asOfMiddle: [] as number[],
  };
  const cpu = {
    floor: [] as number[],
    raw: [] as number[],
    wholeStream: [] as number[],
    asOf: [] as number[],
    asOfMiddle: [] as number[],
  };
  const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  // Wall and CPU milliseconds of one step.
  const timed = async <T>(wall: number[], cpuMs: number[] | undefined, step: () => T | Promise<T>) => {
    collect();
    const t = performance.now();
    const c = process.cpuUsage();
    const result = await step();
    wall.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpuMs?.push((used.user + used.system) / 1000);
    return result;
  };
  if (ONLY !== undefined) {
    // One path alone in this process, called CALLS times: no other step's garbage or heap.
    const alone = { asOf: times.asOf, wholeStream: times.wholeStream }[ONLY];
    const aloneCpu = { asOf: cpu.asOf, wholeStream: cpu.wholeStream }[ONLY];
    if (!alone || !aloneCpu) throw new Error(`--only takes asOf or wholeStream, not ${ONLY}`);
    const allocated: number[] = [];
    let scavenged = 0;
    for (let i = 0; i < CALLS; i++) {
      const at = AT === 'middle' ? MIDDLE : new Date().toISOString();
      const expected = AT === 'middle' ? EVENTS / 2 : EVENTS;
      let young = 0;
      const state = await timed(alone, aloneCpu, () => {
        young = youngBytes();
        return ONLY === 'asOf'
          ? vouch.queries.subjectAsOf(pm, 'advocate', 'ines', at)
          : readWholeStream(store, 'long', stream).then((events) => code.stateAsOf(events, at));
      });
      const grown = youngBytes() - young;
      if (grown > 0) allocated.push(grown);
      else scavenged += 1;
      if (state?.recordedEvents !== expected || state.effectiveEvents !== expected)
        throw new Error(
          `expected ${expected} events, got ${state?.recordedEvents}/${state?.effectiveEvents}`,
        );
    }
    if (ALLOC)
      console.log(
        `${ONLY}: ${(median(allocated) / 2 ** 20).toFixed(2)} MB allocated per call (median of ${allocated.length}; ${scavenged} calls met a scavenge and are left out), ${Math.round(median(allocated) / EVENTS)} B per event`,
      );
  }
  for (let i = 0; ONLY === undefined && i < CALLS; i++) {
    const at = new Date().toISOString();
    await timed(times.floor, cpu.floor, () => {
      for (const row of floorRead.all('long', stream) as { data: string; metadata: string }[]) {
        JSON.parse(row.data);
        JSON.parse(row.metadata);
      }
    });
    const events = await timed(times.raw, cpu.raw, () =>
      store.readStream('long', stream, { limit: EVENTS * 2 }),
    );
    await timed(times.before, undefined, () => replayBefore(events, at));
    await timed(times.replay, undefined, () => stateAsOf(events, at));
    const before = await timed(times.wholeStream, cpu.wholeStream, async () =>
      stateAsOf(await readWholeStream(store, 'long', stream), at),
    );
    const state = await timed(times.asOf, cpu.asOf, () =>
      vouch.queries.subjectAsOf(pm, 'advocate', 'ines', at),
    );
    const middle = await timed(times.asOfMiddle, cpu.asOfMiddle, () =>
      vouch.queries.subjectAsOf(pm, 'advocate', 'ines', MIDDLE),
    );
    if (events.length !== EVENTS || state?.recordedEvents !== EVENTS || before.recordedEvents !== EVENTS)
      throw new Error(`expected ${EVENTS} events, got ${events.length}/${state?.recordedEvents}`);
    if (middle?.recordedEvents !== EVENTS / 2 || middle.effectiveEvents !== EVENTS / 2)
      throw new Error(`expected ${EVENTS / 2} events by the middle, got ${middle?.recordedEvents}`);
  }
  floorDb.close();
  await vouch.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  console.log(
    `Node ${process.version}, ${cpus().length} CPUs, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(
        ' ',
      )}${ONLY ? `; --only ${ONLY} at the ${AT === 'middle' ? `middle (${MIDDLE})` : 'end (now)'}` : ''}`,
  );
  console.log(
    `| events in the stream | sqlite + parse (floor) | readStream (raw) | replay before | stateAsOf (replay alone) | whole stream + stateAsOf | subjectAsOf (facade) | subjectAsOf × raw | subjectAsOf, middle instant |`,
  );
  console.log('| --: | --: | --: | --: | --: | --: | --: | --: | --: |');
  console.log(
    `| ${EVENTS.toLocaleString('en')} | ${ms(median(times.floor))} | ${ms(median(times.raw))} | ${ms(median(times.before))} | ${ms(median(times.replay))} | ${ms(median(times.wholeStream))} | ${ms(median(times.asOf))} | ${(median(times.asOf) / median(times.raw)).toFixed(2)} | ${ms(median(times.asOfMiddle))} |`,
  );
  console.log(
    `| CPU ms (median) | ${ms(median(cpu.floor))} | ${ms(median(cpu.raw))} | | | ${ms(median(cpu.wholeStream))} | ${ms(median(cpu.asOf))} | readStream ${(median(cpu.raw) / median(cpu.floor)).toFixed(2)} × floor, subjectAsOf ${(median(cpu.asOf) / median(cpu.floor)).toFixed(2)} × floor | ${ms(median(cpu.asOfMiddle))} |`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});

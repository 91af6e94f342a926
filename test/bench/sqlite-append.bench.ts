/**
 * SQLite append benchmark (a script, not a test): single-event appends per second
 *   1. raw better-sqlite3: one INSERT per transaction, in a loop (the baseline);
 *   2. SqliteEventStore, sequential: one append (one event) awaited after another;
 *   3. SqliteEventStore, 64 concurrent appenders (group commit);
 *   4. emmett-sqlite 0.38.5 sequential and 64 concurrent, when `npm run bench:sqlite:setup`
 *      has installed it (counting the events it stored, not the appends it acknowledged).
 * Every workload writes a fresh file in WAL mode with the same `synchronous` level
 * (FULL unless --durability NORMAL), and runs in the same process, interleaved, ROUNDS
 * times; the table reports medians.
 *
 * Each row also gives this process's CPU time per append (user + system, `process.cpuUsage`),
 * which the shared machine's load disturbs far less than the rate. `--durability OFF`
 * (synchronous=OFF, raw and store alike) leaves out the fsync: what remains is the CPU.
 *
 *   npm run bench:sqlite -- [--events 20000] [--rounds 3] [--durability FULL|NORMAL|OFF]
 *     [--peer-events 2000] [--peer-concurrent-events 640]
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { EventEnvelope } from '@vouch/domain';
import type { Durability } from '@vouch/event-store-sqlite';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { sqliteBenchEnvelope } from './support/sqlite-bench-envelope';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const EVENTS = Number(args.get('events') ?? 20_000);
const PEER_EVENTS = Number(args.get('peer-events') ?? 2_000);
// emmett leaves some concurrent appends unanswered (see PEER_TIMEOUT_MS): fewer of them.
const PEER_CONCURRENT_EVENTS = Number(args.get('peer-concurrent-events') ?? 640);
const ROUNDS = Number(args.get('rounds') ?? 3);
const DURABILITY = (args.get('durability') ?? 'FULL') as Durability | 'OFF';
const CONCURRENCY = 64;
const STREAMS = 128;
const tenant = 'bench';
const directory = mkdtempSync(join(tmpdir(), 'vouch-bench-'));
let files = 0;
const nextFile = (): string => join(directory, `bench-${++files}.db`);

const envelope = (i: number): EventEnvelope => sqliteBenchEnvelope(i, tenant, STREAMS);

interface Result {
  readonly stored: number;
  readonly seconds: number;
  /** CPU microseconds of this process (user + system) per stored event. */
  readonly cpuPerEvent?: number;
}

/** Runs `work` and gives its elapsed seconds and CPU microseconds. */
async function measured(work: () => unknown): Promise<{ seconds: number; cpu: number }> {
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  await work();
  const cpu = process.cpuUsage(cpuBefore);
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, cpu: cpu.user + cpu.system };
}

async function rawLoop(count: number): Promise<Result> {
  const db = new Database(nextFile());
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${DURABILITY}`);
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, version INTEGER NOT NULL,
           event_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at TEXT NOT NULL);
           CREATE UNIQUE INDEX events_by_stream ON events (stream_id, version)`);
  const insert = db.prepare('INSERT INTO events VALUES (NULL, ?, ?, ?, ?, ?, ?, ?)');
  const appendOne = db.transaction((e: EventEnvelope, i: number) =>
    insert.run(
      `advocate-${i % STREAMS}`,
      Math.floor(i / STREAMS) + 1,
      e.eventId,
      e.type,
      JSON.stringify(e.data),
      JSON.stringify(e.metadata),
      new Date().toISOString(),
    ),
  );
  const events = Array.from({ length: count }, (_, i) => envelope(i));
  const { seconds, cpu } = await measured(() => events.forEach((e, i) => appendOne(e, i)));
  const stored = db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
  db.close();
  return { stored, seconds, cpuPerEvent: cpu / stored };
}

async function storeRun(count: number, concurrency: number): Promise<Result & { batches: number }> {
  const store = SqliteEventStore.open({
    filename: nextFile(),
    masterKey: randomBytes(32),
    durability: DURABILITY === 'OFF' ? 'FULL' : DURABILITY,
  });
  if (DURABILITY === 'OFF') store.database.pragma('synchronous = OFF');
  const events = Array.from({ length: count }, (_, i) => envelope(i));
  const versions = new Map<string, number>();
  let next = 0;
  // Each worker appends to its own streams with exact expected versions, as command handlers do.
  async function worker(w: number): Promise<void> {
    for (let i = next++; i < count; i = next++) {
      const streamId = `advocate-${w}-${i % STREAMS}`;
      const expected = versions.get(streamId) ?? 0;
      const result = await store.append(tenant, streamId, [events[i]!], { expectedVersion: expected });
      versions.set(streamId, result.nextExpectedVersion);
    }
  }
  const { seconds, cpu } = await measured(() =>
    Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w))),
  );
  const stored = store.database.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
  const { batches } = store.commitStats();
  await store.close();
  return { stored, seconds, batches, cpuPerEvent: cpu / stored };
}

interface EmmettModule {
  getSQLiteEventStore(options: { fileName: string }): {
    appendToStream(
      stream: string,
      events: { type: string; data: unknown }[],
      options?: unknown,
    ): Promise<unknown>;
  };
}

let consoleLines = 0;
const say = (line = ''): boolean => process.stdout.write(`${line}\n`);

const peerPath = join(__dirname, 'peers/emmett-sqlite/node_modules/@event-driven-io/emmett-sqlite');

async function emmettRun(
  count: number,
  concurrency: number,
): Promise<
  (Result & { acknowledged: number; journal: string; logged: number; firstError?: string }) | undefined
> {
  if (!existsSync(join(peerPath, '../../sqlite3/build/Release/node_sqlite3.node'))) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const emmett = require(peerPath) as EmmettModule;
  console.log = console.warn = console.error = () => void (consoleLines += 1);
  const fileName = nextFile();
  const store = emmett.getSQLiteEventStore({ fileName });
  const events = Array.from({ length: count }, (_, i) => envelope(i));
  let next = 0;
  let acknowledged = 0;
  let firstError: string | undefined;
  // emmett prints every refused append itself, some after their promise gave up: count
  // those lines (for good: the report is written with process.stdout) instead of printing them.
  const before = consoleLines;
  async function worker(w: number): Promise<void> {
    for (let i = next++; i < count; i = next++) {
      try {
        await withTimeout(
          store.appendToStream(`advocate-${i % STREAMS}-${w}`, [
            { type: events[i]!.type, data: events[i]!.data },
          ]),
          PEER_TIMEOUT_MS,
        );
        acknowledged += 1;
      } catch (error) {
        firstError ??= error instanceof Error ? error.message : String(error); // not acknowledged
      }
    }
  }
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const db = new Database(fileName, { readonly: true });
  const table = (db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'emt_%' AND (name LIKE '%messages' OR name LIKE '%events')",
    )
    .pluck()
    .get() ?? 'emt_messages') as string;
  const stored = db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
  const journal = db.pragma('journal_mode', { simple: true }) as string;
  db.close();
  return {
    stored,
    seconds,
    acknowledged,
    journal,
    logged: consoleLines - before,
    ...(firstError ? { firstError } : {}),
  };
}

// An append that has not settled after this long counts as not acknowledged.
const PEER_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const rates: Record<string, number[]> = {};
  const cpuPerEvent: Record<string, number[]> = {};
  const notes: string[] = [];
  const loads: number[] = [];
  const record = (name: string, result: Result | undefined): void => {
    if (!result) return;
    (rates[name] ??= []).push(result.stored / result.seconds);
    if (result.cpuPerEvent !== undefined) (cpuPerEvent[name] ??= []).push(result.cpuPerEvent);
    loads.push(loadavg()[0]!);
  };
  for (let round = 0; round < ROUNDS; round++) {
    record('raw better-sqlite3, sequential', await rawLoop(EVENTS));
    record('SqliteEventStore, sequential', await storeRun(EVENTS, 1));
    const concurrent = await storeRun(EVENTS, CONCURRENCY);
    record(`SqliteEventStore, ${CONCURRENCY} concurrent`, concurrent);
    notes.push(
      `round ${round + 1}: ${CONCURRENCY} concurrent → ${concurrent.batches} transactions, ${(EVENTS / concurrent.batches).toFixed(1)} appends each`,
    );
  }
  // emmett runs after every other workload: it leaves appends unanswered (and their
  // connections and callbacks alive), which would slow the event loop of later workloads.
  for (let round = 0; round < ROUNDS; round++) {
    for (const concurrency of [1, CONCURRENCY]) {
      const total = concurrency === 1 ? PEER_EVENTS : PEER_CONCURRENT_EVENTS;
      const peer = await emmettRun(total, concurrency);
      if (!peer) continue;
      record(`emmett-sqlite 0.38.5, ${concurrency === 1 ? 'sequential' : `${CONCURRENCY} concurrent`}`, peer);
      notes.push(
        `round ${round + 1}: emmett-sqlite ${concurrency === 1 ? 'sequential' : 'concurrent'}: ${peer.acknowledged} acknowledged, ${peer.stored} stored of ${total}, ${peer.logged} errors logged by emmett (journal_mode=${peer.journal}${peer.firstError ? `; first refusal: ${peer.firstError}` : ''})`,
      );
    }
  }
  const raw = median(rates['raw better-sqlite3, sequential']!);
  const sequential = median(rates['SqliteEventStore, sequential']!);
  say(
    `\nSQLite append, synchronous=${DURABILITY}, WAL, ${EVENTS} single-event appends (emmett: ${PEER_EVENTS} sequential, ${PEER_CONCURRENT_EVENTS} concurrent), median of ${ROUNDS} rounds`,
  );
  say(
    `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average (1 min) ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} during the run\n`,
  );
  say(
    '| workload | events/s (median) | rounds (min–max) | × raw sequential | × store sequential | CPU µs per append (median) |',
  );
  say('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, values] of Object.entries(rates)) {
    const rate = median(values);
    const cpu = cpuPerEvent[name] ? median(cpuPerEvent[name]).toFixed(0) : '–';
    say(
      `| ${name} | ${Math.round(rate).toLocaleString('en')} | ${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))} | ${(rate / raw).toFixed(2)} | ${(rate / sequential).toFixed(2)} | ${cpu} |`,
    );
  }
  say('');
  for (const note of notes) say(`- ${note}`);
  rmSync(directory, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  rmSync(directory, { recursive: true, force: true });
  process.exit(1);
});

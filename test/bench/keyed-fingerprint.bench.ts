/**
 * Keyed command fingerprint benchmark (a script, not a test): what the privacy fix of
 * issue 10 costs an append. Single-event appends per second, sequential, SQLite at
 * `synchronous=FULL` (or --durability NORMAL to see the CPU part alone):
 *   1. raw better-sqlite3: one INSERT per transaction, in a loop (the baseline);
 *   2. SqliteEventStore, the fingerprint as before: the canonical command text itself;
 *   3. SqliteEventStore, the keyed fingerprint: HMAC-SHA256 under the subject's data key
 *      (or the tenant's digest key), exactly as the command handler computes it;
 * each for an event with personal data (AdvocateContactUpdated: the subject's key) and one
 * without (AdvocateAttributesUpdated: the tenant's key). Fresh files, one process, the
 * workloads interleaved ROUNDS times; medians.
 *
 *   npm run bench:fingerprint -- [--events 5000] [--rounds 3] [--durability FULL|NORMAL]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { canonicalCommand, type Command, type EventEnvelope } from '@vouch/domain';
import type { Durability } from '@vouch/event-store-sqlite';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { commandFingerprint } from '../../packages/application/src/commands/command-fingerprint';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const EVENTS = Number(args.get('events') ?? 5_000);
const ROUNDS = Number(args.get('rounds') ?? 3);
const DURABILITY = (args.get('durability') ?? 'FULL') as Durability;
const STREAMS = 128;
const tenant = 'bench';
const now = '2026-11-30T06:00:00.000Z';
const directory = mkdtempSync(join(tmpdir(), 'vouch-bench-fingerprint-'));
let files = 0;
const nextFile = (): string => join(directory, `bench-${++files}.db`);

type Kind = 'personal' | 'plain';
type Fingerprint = 'before' | 'keyed';

/** The command an event came from, and the event (personal data or not). */
function commandAndEvent(
  kind: Kind,
  i: number,
): { command: Command; event: Omit<EventEnvelope, 'metadata'> } {
  const advocateId = `advocate-${i % STREAMS}`;
  const data =
    kind === 'personal'
      ? {
          advocateId,
          contact: { name: `Zoë Example ${i}`, email: `zoe.${i}@example.com`, title: 'Head of Operations' },
        }
      : { advocateId, seniority: 'VP', languages: ['en', 'de'], topics: ['migration'] };
  const type = kind === 'personal' ? 'AdvocateContactUpdated' : 'AdvocateAttributesUpdated';
  return {
    command: {
      type: kind === 'personal' ? 'UpdateAdvocateContact' : 'UpdateAdvocateAttributes',
      commandId: `c-${i}`,
      data,
    },
    event: { eventId: `event-${i}-${randomBytes(4).toString('hex')}`, type, schemaVersion: 1, data },
  };
}

function metadata(i: number, commandFingerprint: string): EventEnvelope['metadata'] {
  return {
    tenantId: tenant,
    actor: { userId: 'user-1', roles: ['PROGRAM_MANAGER'] },
    commandId: `c-${i}`,
    commandFingerprint,
    correlationId: `c-${i}`,
    causationId: `c-${i}`,
    effectiveAt: now,
  };
}

interface Result {
  readonly stored: number;
  readonly seconds: number;
}

function rawLoop(count: number): Result {
  const db = new Database(nextFile());
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${DURABILITY}`);
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, version INTEGER NOT NULL,
           event_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at TEXT NOT NULL);
           CREATE UNIQUE INDEX events_by_stream ON events (stream_id, version)`);
  const insert = db.prepare('INSERT INTO events VALUES (NULL, ?, ?, ?, ?, ?, ?, ?)');
  const appendOne = db.transaction((i: number) => {
    const { event } = commandAndEvent('plain', i);
    insert.run(
      `advocate-${i % STREAMS}`,
      Math.floor(i / STREAMS) + 1,
      event.eventId,
      event.type,
      JSON.stringify(event.data),
      JSON.stringify(metadata(i, 'x')),
      new Date().toISOString(),
    );
  });
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i += 1) appendOne(i);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const stored = db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
  db.close();
  return { stored, seconds };
}

async function storeRun(count: number, kind: Kind, fingerprint: Fingerprint): Promise<Result> {
  const store = SqliteEventStore.open({
    filename: nextFile(),
    masterKey: randomBytes(32),
    durability: DURABILITY,
  });
  const versions = new Map<string, number>();
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i += 1) {
    const { command, event } = commandAndEvent(kind, i);
    // Computed per command, as the command handler does: inside the timed loop.
    const print =
      fingerprint === 'before'
        ? canonicalCommand(command)
        : await commandFingerprint(store, tenant, command, [event], now);
    const streamId = `advocate-${i % STREAMS}`;
    const expected = versions.get(streamId) ?? 0;
    const result = await store.append(tenant, streamId, [{ ...event, metadata: metadata(i, print) }], {
      expectedVersion: expected,
    });
    versions.set(streamId, result.nextExpectedVersion);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const stored = store.database.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
  await store.close();
  return { stored, seconds };
}

/** Microseconds per fingerprint alone (no append), on a store whose keys already exist. */
async function fingerprintCost(kind: Kind, fingerprint: Fingerprint, count: number): Promise<number> {
  const store = SqliteEventStore.open({
    filename: nextFile(),
    masterKey: randomBytes(32),
    durability: DURABILITY,
  });
  const samples = Array.from({ length: count }, (_, i) => commandAndEvent(kind, i));
  for (const { command, event } of samples.slice(0, STREAMS)) {
    await commandFingerprint(store, tenant, command, [event], now); // creates the keys
  }
  const started = process.hrtime.bigint();
  for (const { command, event } of samples) {
    if (fingerprint === 'before') canonicalCommand(command);
    else await commandFingerprint(store, tenant, command, [event], now);
  }
  const micros = Number(process.hrtime.bigint() - started) / 1e3 / count;
  await store.close();
  return micros;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function main(): Promise<void> {
  const workloads: { name: string; run: () => Promise<Result> | Result }[] = [
    { name: 'raw better-sqlite3, sequential', run: () => rawLoop(EVENTS) },
    { name: 'store, personal event, fingerprint before', run: () => storeRun(EVENTS, 'personal', 'before') },
    { name: 'store, personal event, keyed fingerprint', run: () => storeRun(EVENTS, 'personal', 'keyed') },
    { name: 'store, plain event, fingerprint before', run: () => storeRun(EVENTS, 'plain', 'before') },
    { name: 'store, plain event, keyed fingerprint', run: () => storeRun(EVENTS, 'plain', 'keyed') },
  ];
  const rates = new Map<string, number[]>(workloads.map((w) => [w.name, []]));
  for (let round = 1; round <= ROUNDS; round += 1) {
    // Every other round runs backwards, so no workload always follows the same neighbour on a shared disk.
    for (const workload of round % 2 === 1 ? workloads : [...workloads].reverse()) {
      const result = await workload.run();
      if (result.stored !== EVENTS) throw new Error(`${workload.name} stored ${result.stored} of ${EVENTS}`);
      rates.get(workload.name)!.push(result.stored / result.seconds);
    }
  }
  const raw = median(rates.get(workloads[0]!.name)!);
  const appendMicros = new Map<string, number>();
  const before = (name: string) =>
    median(rates.get(name.replace('keyed fingerprint', 'fingerprint before'))!);
  process.stdout.write(
    `${EVENTS} single-event appends per workload, ${ROUNDS} rounds, synchronous=${DURABILITY}, medians\n\n` +
      '| workload | events/s (median) | rounds (min–max) | × raw | × fingerprint before |\n' +
      '| --- | ---: | ---: | ---: | ---: |\n',
  );
  for (const { name } of workloads) {
    const list = rates.get(name)!;
    appendMicros.set(name, 1e6 / median(list));
    const rate = median(list);
    const versusBefore = name.startsWith('store') ? (rate / before(name)).toFixed(2) : '';
    process.stdout.write(
      `| ${name} | ${Math.round(rate).toLocaleString('en-US')} | ${Math.round(Math.min(...list))}–${Math.round(Math.max(...list))} | ${(rate / raw).toFixed(2)} | ${versusBefore} |\n`,
    );
  }
  // The CPU the fingerprint itself takes, against what a whole append took in this run.
  process.stdout.write(
    '\n| fingerprint alone | before (µs) | keyed (µs) | keyed − before, share of an append |\n| --- | ---: | ---: | ---: |\n',
  );
  for (const kind of ['personal', 'plain'] as const) {
    const costs = { before: [] as number[], keyed: [] as number[] };
    for (let round = 0; round < ROUNDS; round += 1) {
      costs.before.push(await fingerprintCost(kind, 'before', 20_000));
      costs.keyed.push(await fingerprintCost(kind, 'keyed', 20_000));
    }
    const before = median(costs.before);
    const keyed = median(costs.keyed);
    const append = appendMicros.get(`store, ${kind} event, fingerprint before`)!;
    process.stdout.write(
      `| ${kind} event | ${before.toFixed(1)} | ${keyed.toFixed(1)} | ${(keyed - before).toFixed(1)} µs = ${((100 * (keyed - before)) / append).toFixed(1)} % of ${Math.round(append)} µs |\n`,
    );
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(directory, { recursive: true, force: true }));

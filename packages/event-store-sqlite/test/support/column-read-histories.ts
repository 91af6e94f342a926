/**
 * Histories for comparing the SQLite engine's column reads with its object reads: one file,
 * one engine and one vault read by two stores, and random steps (plain, upcast and personal
 * events, erasures) to fill it with.
 */
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import type { EventEnvelope } from '@vouch/domain';
import {
  EngineEventStore,
  MasterKeyVault,
  UpcasterRegistry,
  type EventStoreOptions,
  type StorageEngine,
} from '@vouch/event-store';
import {
  contactRecorded,
  contractEvent,
  contractPersonalData,
  contractUpcasters,
} from '@vouch/event-store/testing';
import { SqliteStorageEngine, SqliteWrappedKeyRepository, openDatabase } from '@vouch/event-store-sqlite';

export const tenant = 'tenant-a';

/**
 * The same engine with its column reads hidden: the core then reads `ReadableEvent`s (the
 * reference path). Every other member, and the connection, is the engine's own.
 */
export function objectReadsOf(engine: SqliteStorageEngine): StorageEngine {
  return Object.create(engine, {
    readStreamColumns: { value: undefined },
    readLogColumns: { value: undefined },
    readStreamReplayColumns: { value: undefined },
  }) as StorageEngine;
}

/** One file, one engine and one vault, read by the column path and by the object path. */
export function openPair(filename: string) {
  const masterKey = randomBytes(32);
  const db = openDatabase({
    filename,
    durability: 'NORMAL',
    masterKey,
    now: () => '2026-01-01T00:00:00.000Z',
  });
  const engine = new SqliteStorageEngine(db);
  const options: EventStoreOptions = {
    vault: new MasterKeyVault(masterKey, new SqliteWrappedKeyRepository(db)),
    personalData: contractPersonalData,
    upcasters: new UpcasterRegistry(contractUpcasters),
  };
  return {
    db,
    engine,
    options,
    columns: new EngineEventStore(engine, options),
    objects: new EngineEventStore(objectReadsOf(engine), options),
    close: () => engine.close(),
  };
}

export const subjects = ['adv-1', 'adv-2', 'adv-3'] as const;
const json = fc.dictionary(
  fc.string({ maxLength: 6 }).filter((k) => k !== '__proto__'),
  fc.oneof(
    fc.integer(),
    fc.string(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 3 }),
  ),
  { maxKeys: 4 },
);

/** A step of a history: an append of one event to a stream, or a subject's erasure. */
export const step = fc.oneof(
  fc.record({ kind: fc.constant('plain' as const), stream: fc.constantFrom('s-1', 's-2'), data: json }),
  fc.record({
    kind: fc.constant('renamed' as const),
    stream: fc.constantFrom('s-1', 's-2'),
    schemaVersion: fc.constantFrom(1, 2, 3),
    name: fc.string(),
  }),
  fc.record({
    kind: fc.constant('contact' as const),
    subject: fc.constantFrom(...subjects),
    name: fc.string(),
    email: fc.string(),
  }),
  fc.record({
    kind: fc.constant('note' as const),
    subject: fc.constantFrom(...subjects),
    text: fc.string(),
    extra: json,
  }),
  fc.record({ kind: fc.constant('erase' as const), subject: fc.constantFrom(...subjects) }),
);
export type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

export function envelopeOf(s: Exclude<Step, { kind: 'erase' }>): { stream: string; event: EventEnvelope } {
  switch (s.kind) {
    case 'plain':
      return { stream: s.stream, event: contractEvent(tenant, 'Activated', s.data) };
    case 'renamed':
      return {
        stream: s.stream,
        event: contractEvent(
          tenant,
          'Renamed',
          s.schemaVersion === 1 ? { name: s.name } : { fullName: s.name },
          { schemaVersion: s.schemaVersion },
        ),
      };
    case 'contact':
      return { stream: s.subject, event: contactRecorded(tenant, s.subject, s.name, s.email) };
    case 'note':
      return {
        stream: s.subject,
        event: contractEvent(tenant, 'NoteTaken', {
          ...s.extra,
          advocateId: s.subject,
          note: { text: s.text, pinned: true },
        }),
      };
  }
}

/**
 * Appends a history's steps through `store` (an erased subject takes no new personal data),
 * each event first passed through `vary` when given.
 */
export async function appendSteps(
  store: EngineEventStore,
  history: readonly Step[],
  vary: (event: EventEnvelope, index: number) => EventEnvelope = (event) => event,
): Promise<void> {
  const erased = new Set<string>();
  for (const s of history) {
    if (s.kind === 'erase') {
      await store.forgetSubject(tenant, s.subject);
      erased.add(s.subject);
      continue;
    }
    const { stream, event } = envelopeOf(s);
    if (erased.has(stream)) continue;
    await store.append(tenant, stream, [vary(event, history.indexOf(s))], { expectedVersion: 'any' });
  }
}

/**
 * Stream `s-1` of `filename` with one event whose metadata another connection then breaks: the
 * damaged row both read paths must refuse alike.
 */
export async function appendThenDamageMetadata(store: EngineEventStore, filename: string): Promise<void> {
  await store.append(tenant, 's-1', [contractEvent(tenant, 'Activated', { n: 1 })], {
    expectedVersion: 'no_stream',
  });
  const other = new Database(filename);
  other.prepare("UPDATE events SET metadata = '{broken' WHERE stream_id = 's-1'").run();
  other.close();
}

/**
 * What a read of `appendThenDamageMetadata`'s damaged row ends with through each store of a
 * fresh pair over `filename` (closed after): the column path's error and the object path's
 * (`readReference`, the same read unless given).
 */
export async function failuresOnDamagedRow(
  filename: string,
  read: (store: EngineEventStore) => Promise<unknown>,
  readReference: (store: EngineEventStore) => Promise<unknown> = read,
): Promise<{ fast: unknown; reference: unknown }> {
  const pair = openPair(filename);
  try {
    await appendThenDamageMetadata(pair.columns, filename);
    const failure = (reading: Promise<unknown>) => reading.catch((error: unknown) => error);
    return { fast: await failure(read(pair.columns)), reference: await failure(readReference(pair.objects)) };
  } finally {
    await pair.close();
  }
}

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { usePostgresTestServer } from '@vouch/event-store-postgres/testing';
import { Client } from 'pg';
import { seedStore } from '../src/commands/seed';
import type { StoreConfig } from '../src/config/store-config';
import { openStore } from '../src/stores/open-store';
import { memoryIo } from './support/memory-io';
import { seededHistory, type SeededHistory } from './support/seeded-history';

// Small enough for a test; every process manager reacts at least once, and both erasures happen.
const SCALE = 0.03;
const UNTIL = '2026-06-30';
const TENANT = 'demo';

interface Seeded extends SeededHistory {
  /** Each erased advocate's erasure time as the store keeps it (the shredded key's). */
  readonly erasures: ReadonlyMap<string, string>;
}

const server = usePostgresTestServer();
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh store: a new SQLite file, or a new database on the test server. */
async function freshStore(kind: 'sqlite' | 'postgres'): Promise<StoreConfig> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vouch-seed-determinism-'));
  dirs.push(dataDir);
  if (kind === 'sqlite') return { kind, dataDir, sqliteFile: join(dataDir, 'vouch.db') };
  const name = `seed_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return { kind, dataDir, sqliteFile: '', databaseUrl: url.toString() };
}

/** Seeds the demo program (seed 7) into a fresh store and reads back what a reader sees. */
async function seeded(kind: 'sqlite' | 'postgres'): Promise<Seeded> {
  const store = await freshStore(kind);
  const masterKey = randomBytes(32);
  await seedStore({ store, masterKey, tenantId: TENANT, seed: 7, scale: SCALE, until: UNTIL }, memoryIo());
  const opened = await openStore(store, { masterKey });
  try {
    const history = await seededHistory(opened.store, TENANT);
    const erased = history.events
      .filter((e) => e.type === 'AdvocateErased')
      .map((e) => String(e.data.advocateId));
    const erasures = (await opened.store.erasedSubjects?.(TENANT, erased)) ?? new Map<string, string>();
    return { ...history, erasures };
  } finally {
    await opened.close();
  }
}

/** Reactions recorded later than the event that caused them (a process manager's command names its cause). */
function lateReactions(history: Seeded): string[] {
  const byId = new Map(history.events.map((e) => [e.eventId, e]));
  const late: string[] = [];
  for (const event of history.events) {
    const cause = byId.get(event.metadata.causationId);
    if (!cause || cause === event || cause.recordedAt === event.recordedAt) continue;
    late.push(
      `${event.type} on ${event.streamId} at ${event.recordedAt}, caused by ${cause.type} at ${cause.recordedAt}`,
    );
  }
  return late;
}

/** Erasures the store carried out later than the event that asked for them. */
function lateShredding(history: Seeded): string[] {
  return history.events
    .filter((e) => e.type === 'AdvocateErased')
    .filter((e) => history.erasures.get(String(e.data.advocateId)) !== e.recordedAt)
    .map(
      (e) =>
        `${String(e.data.advocateId)} shredded at ${history.erasures.get(String(e.data.advocateId)) ?? 'never'}, erased at ${e.recordedAt}`,
    );
}

/** The streams whose events (type, data, order) differ between two seeds, with the first differing line. */
function differingStreams(a: SeededHistory, b: SeededHistory): string[] {
  const byStream = (history: SeededHistory) => {
    const streams = new Map<string, string[]>();
    for (const [i, e] of history.events.entries()) {
      const lines = streams.get(e.streamId) ?? [];
      lines.push(history.lines[i]!);
      streams.set(e.streamId, lines);
    }
    return streams;
  };
  const left = byStream(a);
  const right = byStream(b);
  const differing: string[] = [];
  for (const id of new Set([...left.keys(), ...right.keys()])) {
    const l = left.get(id) ?? [];
    const r = right.get(id) ?? [];
    const at = l.findIndex((line, i) => line !== r[i]);
    if (at >= 0 || l.length !== r.length) {
      const i = at >= 0 ? at : Math.min(l.length, r.length);
      differing.push(`${id}: ${l[i] ?? '(none)'} ≠ ${r[i] ?? '(none)'}`);
    }
  }
  return differing;
}

describe('the demo seed, whatever the timing and the store', () => {
  let sqlite: Seeded;
  let postgres: Seeded;

  it('records every process-manager reaction, and every shredding, at the instant of its cause (SQLite)', async () => {
    sqlite = await seeded('sqlite');
    expect(sqlite.erasures.size).toBe(2); // both erasures: at once, and after the legal hold
    expect(lateReactions(sqlite)).toEqual([]);
    expect(lateShredding(sqlite)).toEqual([]);
  }, 300_000);

  it('records every process-manager reaction, and every shredding, at the instant of its cause (PostgreSQL)', async () => {
    postgres = await seeded('postgres');
    expect(postgres.erasures.size).toBe(2);
    expect(lateReactions(postgres)).toEqual([]);
    expect(lateShredding(postgres)).toEqual([]);
  }, 300_000);

  it('seeded twice on PostgreSQL, gives the same history stream by stream, and the same as on SQLite', async () => {
    const again = await seeded('postgres');
    expect(differingStreams(postgres, again)).toEqual([]);
    expect(again.perStream).toBe(postgres.perStream);
    expect(differingStreams(sqlite, postgres)).toEqual([]);
    expect(sqlite.perStream).toBe(postgres.perStream);
  }, 300_000);
});

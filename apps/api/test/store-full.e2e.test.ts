import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { codesOf, newCommandId } from './support/graphql-client';
import { mustMutate, mutate } from './support/mutations';
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

const TENANT = 'full';

describe('a SQLite store that cannot write (full disk, read-only file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-full-'));
  let t: TestServer;
  let sqlite: SqliteEventStore;
  let pm: string;

  beforeAll(async () => {
    t = await startTestServer({
      openStore: (clock) => {
        sqlite = SqliteEventStore.open({
          filename: join(dir, 'vouch.db'),
          masterKey: randomBytes(32),
          clock,
        });
        return sqlite;
      },
    });
    pm = await tokenFor(TENANT, 'pat', ['PROGRAM_MANAGER']);
    await mustMutate(t.url, pm, 'registerAccount', {
      commandId: newCommandId(),
      accountId: 'acme',
      name: 'Acme',
      industry: 'Manufacturing',
      segment: 'ENTERPRISE',
      region: 'EMEA',
      products: ['Planner'],
      ownerId: 'olga',
    });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const enrol = (advocateId: string) =>
    mutate(t.url, pm, 'enrolAdvocate', {
      commandId: newCommandId(),
      advocateId,
      accountId: 'acme',
      name: `Person ${advocateId}`,
      email: `${advocateId}@acme.example`,
      title: 'Head of Operations',
      seniority: 'DIRECTOR',
      products: ['Planner'],
      useCases: ['planning'],
      languages: ['de'],
    });

  it('is ready while it can write', async () => {
    const ready = await fetch(`${t.origin}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('refuses a write with STORE_UNAVAILABLE when the disk is full, and /readyz says DISK_FULL', async () => {
    const before = await t.store.readAll(TENANT);
    // SQLite's page cap gives the same SQLITE_FULL a full disk gives: no page may be added.
    const pages = sqlite.database.pragma('page_count', { simple: true }) as number;
    sqlite.database.pragma(`max_page_count = ${pages}`);
    try {
      // A new advocate needs a new data key row (and pages for it).
      const advocates = Array.from({ length: 40 }, (_, i) => `adv-${i}`);
      const codes = new Set<string | undefined>();
      for (const advocateId of advocates) {
        for (const code of codesOf(await enrol(advocateId))) codes.add(code);
        if (codes.size > 0) break;
      }
      expect([...codes]).toEqual(['STORE_UNAVAILABLE']);
      const ready = await fetch(`${t.origin}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'unavailable', reason: 'DISK_FULL' });
      // The refused enrolment wrote nothing: every stream in the log is whole (verifies).
      expect((await t.store.verifyTenant(TENANT)).ok).toBe(true);
      expect((await t.store.readAll(TENANT)).length).toBeGreaterThanOrEqual(before.length);
    } finally {
      sqlite.database.pragma('max_page_count = 1073741823');
    }
    // Space again: the next write goes through and the store is ready again.
    expect(codesOf(await enrol('after-space'))).toEqual([]);
    expect((await fetch(`${t.origin}/readyz`)).status).toBe(200);
  });

  it('reports a read-only store as not ready, and a write on it (storing a data key first) as STORE_UNAVAILABLE', async () => {
    sqlite.database.pragma('query_only = 1');
    try {
      const ready = await fetch(`${t.origin}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'unavailable', reason: 'READ_ONLY' });
      expect(codesOf(await enrol('read-only'))).toEqual(['STORE_UNAVAILABLE']);
    } finally {
      sqlite.database.pragma('query_only = 0');
    }
    expect(codesOf(await enrol('writable-again'))).toEqual([]);
    expect((await fetch(`${t.origin}/readyz`)).status).toBe(200);
  });
});

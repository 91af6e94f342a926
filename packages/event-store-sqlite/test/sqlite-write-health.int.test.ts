import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreErrorCode, isEventStoreError } from '@vouch/event-store';
import { openDatabase, SqliteWrappedKeyRepository, SqliteWriteHealth } from '../src';

// The file records no key check value: any vault's may add keys.
const KEY_CHECK = 'v1:test';

describe('SQLite data keys on a full disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-keys-full-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to store a data key with STORE_UNAVAILABLE once no page is left, and the store is not ready until one is', async () => {
    const db = openDatabase({ filename: join(dir, 'keys.db') });
    const health = new SqliteWriteHealth(db);
    const keys = new SqliteWrappedKeyRepository(db, health);
    expect(health.readiness()).toEqual({ ready: true });
    // SQLite's page cap answers SQLITE_FULL exactly as a full disk does.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    let refusal: unknown;
    for (let i = 0; i < 10_000 && refusal === undefined; i++) {
      await keys
        .insertIfAbsent('t', `subject-${i}`, Buffer.alloc(60, i % 256), '2026-11-30T00:00:00.000Z', KEY_CHECK)
        .catch((error: unknown) => (refusal = error));
    }
    expect(isEventStoreError(refusal, EventStoreErrorCode.STORE_UNAVAILABLE)).toBe(true);
    expect(((refusal as Error).cause as { code?: string }).code).toBe('SQLITE_FULL');
    expect(health.readiness()).toEqual({ ready: false, reason: 'DISK_FULL' });

    db.pragma('max_page_count = 1073741823');
    await keys.insertIfAbsent('t', 'after-space', Buffer.alloc(60), '2026-11-30T00:00:00.000Z', KEY_CHECK);
    expect(health.readiness()).toEqual({ ready: true });
    db.close();
    expect(health.readiness()).toEqual({ ready: false, reason: 'UNAVAILABLE' });
  });

  it('calls a disk below the free-space floor full before SQLite fails', () => {
    const db = openDatabase({ filename: join(dir, 'floor.db') });
    expect(new SqliteWriteHealth(db, Number.MAX_SAFE_INTEGER).readiness()).toEqual({
      ready: false,
      reason: 'DISK_FULL',
    });
    db.close();
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SqliteEventStore } from '@vouch/event-store-sqlite';
import { openStore } from '../src/stores/open-store';

// The seed asks for a bulk load through the store factory; the CLI names no store class.
describe('openStore with bulkLoad', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vouch-bulk-load-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const pragmasOf = async (bulkLoad: boolean) => {
    const opened = await openStore(
      { kind: 'sqlite', dataDir: dir, sqliteFile: join(dir, `vouch-${bulkLoad}.db`) },
      { masterKey: randomBytes(32), durability: 'NORMAL', ...(bulkLoad ? { bulkLoad } : {}) },
    );
    try {
      const { database } = opened.store as SqliteEventStore;
      const pragma = (name: string) => database.pragma(name, { simple: true });
      return {
        cache: pragma('cache_size'),
        autocheckpoint: pragma('wal_autocheckpoint'),
        synchronous: pragma('synchronous'),
        journal: pragma('journal_mode'),
      };
    } finally {
      await opened.close();
    }
  };

  it("gives SQLite a page cache for the seed's file and fewer WAL checkpoints, durability untouched", async () => {
    const plain = await pragmasOf(false);
    const bulk = await pragmasOf(true);
    expect(bulk).toEqual({ ...plain, cache: -131_072, autocheckpoint: 20_000 });
    expect(plain.cache).not.toBe(-131_072);
    expect(plain.autocheckpoint).not.toBe(20_000);
    expect(bulk.journal).toBe('wal');
  });
});

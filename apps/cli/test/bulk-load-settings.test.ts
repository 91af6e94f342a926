import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryEventStore } from '@vouch/event-store';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { applyBulkLoadSettings } from '../src/seed/bulk-load-settings';

describe("the seed's bulk-load settings", () => {
  it("give the SQLite connection a page cache for the seed's file and fewer WAL checkpoints, durability untouched", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-bulk-load-'));
    const store = SqliteEventStore.open({
      filename: join(dir, 'vouch.db'),
      masterKey: randomBytes(32),
      durability: 'NORMAL',
    });
    try {
      const pragma = (name: string) => store.database.pragma(name, { simple: true });
      const synchronous = pragma('synchronous');
      applyBulkLoadSettings(store);
      expect(pragma('cache_size')).toBe(-131_072);
      expect(pragma('wal_autocheckpoint')).toBe(20_000);
      expect(pragma('synchronous')).toBe(synchronous);
      expect(pragma('journal_mode')).toBe('wal');
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leave other stores as they are', () => {
    expect(() => applyBulkLoadSettings(new InMemoryEventStore())).not.toThrow();
  });
});

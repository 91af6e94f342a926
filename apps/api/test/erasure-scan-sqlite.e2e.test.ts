import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, SqliteReadModelStore } from '@vouch/event-store-sqlite';
import { sqliteFiles } from '../../../test/support/erasure-scan';
import { httpErasureScan } from './support/http-erasure-scan';

const dir = mkdtempSync(join(tmpdir(), 'vouch-api-erasure-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

httpErasureScan('SQLite', async () => {
  const filename = join(dir, 'vouch.db');
  const store = SqliteEventStore.open({ filename, masterKey: randomBytes(32), durability: 'NORMAL' });
  return {
    store,
    readModels: new SqliteReadModelStore(store.database),
    checkpoints: store.checkpoints,
    bytes: async () => sqliteFiles(filename),
    checkpoint: async () => {
      store.database.pragma('wal_checkpoint(TRUNCATE)');
    },
  };
});

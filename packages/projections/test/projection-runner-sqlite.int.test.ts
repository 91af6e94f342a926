import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, SqliteReadModelStore } from '@vouch/event-store-sqlite';
import { projectionRunnerSuite } from './support/projection-runner-suite';

const dir = mkdtempSync(join(tmpdir(), 'vouch-runner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

projectionRunnerSuite('SQLite (snapshots in the events file)', async (clock) => {
  const store = SqliteEventStore.open({
    filename: join(dir, `store-${++files}.db`),
    masterKey: randomBytes(32),
    durability: 'NORMAL',
    clock,
  });
  return { store, readModels: new SqliteReadModelStore(store.database, clock), close: () => store.close() };
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, SqliteReadModelStore } from '@vouch/event-store-sqlite';
import { projectionRunnerSuite, type RunnerStores } from './support/projection-runner-suite';
import { TENANT } from './support/story-world';

const dir = mkdtempSync(join(tmpdir(), 'vouch-runner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

projectionRunnerSuite(
  'SQLite (snapshots in the events file)',
  async (clock) => {
    const store = SqliteEventStore.open({
      filename: join(dir, `store-${++files}.db`),
      masterKey: randomBytes(32),
      durability: 'NORMAL',
      clock,
    });
    return { store, readModels: new SqliteReadModelStore(store.database, clock), close: () => store.close() };
  },
  tearSqlite,
);

/** Writes broken text into the SQLite rows themselves (a snapshot held in its row is read before its pieces). */
async function tearSqlite(
  stores: RunnerStores,
  projection: string,
  version: number,
  part: 'snapshot' | 'entries',
  text: string,
): Promise<void> {
  const db = (stores.store as SqliteEventStore).database;
  const changed =
    part === 'snapshot'
      ? db
          .prepare(
            'UPDATE read_models SET snapshot = ? WHERE tenant_id = ? AND projection = ? AND version = ?',
          )
          .run(text, TENANT, projection, version)
      : db
          .prepare(
            'UPDATE read_model_entries SET entries = ? WHERE tenant_id = ? AND projection = ? AND version = ? AND seq = 0',
          )
          .run(text, TENANT, projection, version);
  expect(changed.changes).toBe(1);
}

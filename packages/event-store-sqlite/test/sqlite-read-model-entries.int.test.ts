import Database from 'better-sqlite3';
import type { Checkpoint } from '@vouch/event-store';
import { ENTRIES_PER_ROW, SqliteReadModelStore } from '@vouch/event-store-sqlite';
import { useTempDirectory } from './support/temp-files';

const nextFile = useTempDirectory();
const tenant = 'tenant-a';
const at = (n: number) => String(n).padStart(16, '0') as Checkpoint;
const entry = (i: number) => [at(i + 1), `advocate-${i}`, i, 'Advocate 🙂 enrolled'];
const entries = (count: number) => ({
  count,
  slice: (start: number) => Array.from({ length: count - start }, (_, i) => entry(start + i)),
});

// A file of its own, without an event store: nothing else runs on the connection (an event
// store's own transactions would take in the test's trigger).
function open(): {
  store: { database: Database.Database; close(): Promise<void> };
  readModels: SqliteReadModelStore;
} {
  const database = new Database(nextFile());
  database.pragma('journal_mode = WAL');
  return {
    store: { database, close: async () => void database.close() },
    readModels: new SqliteReadModelStore(database),
  };
}

const rowsOf = (store: { database: Database.Database }) =>
  store.database
    .prepare('SELECT seq, count FROM read_model_entries WHERE tenant_id = ? ORDER BY seq')
    .all(tenant) as { seq: number; count: number }[];

describe('SQLite read-model store: append-only entries beside the snapshot (issue 15, audit16)', () => {
  it('writes the new entries in rows of ENTRIES_PER_ROW, never rewriting the rows already there', async () => {
    const { store, readModels } = open();
    await readModels.save(
      tenant,
      'm',
      1,
      { checkpoint: at(1), schemaVersion: 1, snapshot: {} },
      { entries: entries(10) },
    );
    const total = 2 * ENTRIES_PER_ROW + 10 + 7;
    await readModels.save(
      tenant,
      'm',
      1,
      { checkpoint: at(2), schemaVersion: 1, snapshot: {} },
      { entries: entries(total) },
    );
    expect(rowsOf(store)).toEqual([
      { seq: 0, count: 10 },
      { seq: 10, count: ENTRIES_PER_ROW },
      { seq: 10 + ENTRIES_PER_ROW, count: ENTRIES_PER_ROW },
      { seq: 10 + 2 * ENTRIES_PER_ROW, count: 7 },
    ]);
    expect(await readModels.loadEntries(tenant, 'm', 1)).toEqual(entries(total).slice(0));
    await store.close();
  });
});

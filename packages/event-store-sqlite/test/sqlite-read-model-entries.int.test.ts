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

// A file of its own, without an event store: nothing else writes to read_model_entries.
function open(filename = nextFile()): {
  store: { database: Database.Database; close(): Promise<void> };
  readModels: SqliteReadModelStore;
} {
  const database = new Database(filename);
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

  // The statements are prepared when the store opens; SQLite re-prepares them when the schema
  // changes (the trigger below), on this connection or another one (as a migration by another
  // process would). This case failed in multi-file jest runs only because of the realm of the
  // thrown SqliteError (test/sqlite-error-realm.ts), never because the trigger was missed.
  it.each([
    [
      "on the store's own connection",
      (filename: string, own: Database.Database) => ({ ddl: own, done: () => {} }),
    ],
    [
      'by another connection after the store prepared its statements',
      (filename: string) => {
        const other = new Database(filename);
        return { ddl: other, done: () => other.close() };
      },
    ],
  ])(
    'a save whose entries cannot be written (failing trigger %s) leaves snapshot, checkpoint, entries and activation as they were',
    async (_, connectionFor) => {
      const filename = nextFile();
      const { store, readModels } = open(filename);
      await readModels.save(
        tenant,
        'm',
        1,
        { checkpoint: at(3), schemaVersion: 1, snapshot: { n: 3 } },
        { entries: entries(3) },
      );
      const { ddl, done } = connectionFor(filename, store.database);
      // The entries' insert fails inside the save's transaction, after the snapshot and its row are written.
      ddl.exec(
        `CREATE TRIGGER fail_entries BEFORE INSERT ON read_model_entries BEGIN SELECT RAISE(ABORT, 'disk says no'); END`,
      );
      await expect(
        readModels.save(
          tenant,
          'm',
          1,
          { checkpoint: at(9), schemaVersion: 1, snapshot: { n: 9 } },
          { entries: entries(9), activate: true },
        ),
      ).rejects.toThrow(/disk says no/);
      expect(await readModels.load(tenant, 'm', 1)).toEqual({
        checkpoint: at(3),
        schemaVersion: 1,
        snapshot: { n: 3 },
      });
      expect(await readModels.loadEntries(tenant, 'm', 1)).toEqual(entries(3).slice(0));
      expect(await readModels.activeVersion(tenant, 'm')).toBeUndefined();
      // Once the disk is back, the next save writes the entries the failed one did not.
      ddl.exec('DROP TRIGGER fail_entries');
      done();
      await readModels.save(
        tenant,
        'm',
        1,
        { checkpoint: at(9), schemaVersion: 1, snapshot: { n: 9 } },
        { entries: entries(9) },
      );
      expect(await readModels.loadEntries(tenant, 'm', 1)).toEqual(entries(9).slice(0));
      await store.close();
    },
  );
});

import { randomBytes } from 'node:crypto';
import type { Checkpoint } from '@vouch/event-store';
import { ENTRIES_PER_ROW, SqliteEventStore, SqliteReadModelStore } from '@vouch/event-store-sqlite';
import { useTempDirectory } from './support/temp-files';

const nextFile = useTempDirectory();
const tenant = 'tenant-a';
const at = (n: number) => String(n).padStart(16, '0') as Checkpoint;
const entry = (i: number) => [at(i + 1), `advocate-${i}`, i, 'Advocate 🙂 enrolled'];
const entries = (count: number) => ({
  count,
  slice: (start: number) => Array.from({ length: count - start }, (_, i) => entry(start + i)),
});

function open(): { store: SqliteEventStore; readModels: SqliteReadModelStore } {
  const store = SqliteEventStore.open({
    filename: nextFile(),
    masterKey: randomBytes(32),
    durability: 'NORMAL',
  });
  return { store, readModels: new SqliteReadModelStore(store.database) };
}

const rowsOf = (store: SqliteEventStore) =>
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

  it('a save whose entries cannot be written leaves snapshot, checkpoint, entries and activation as they were', async () => {
    const { store, readModels } = open();
    await readModels.save(
      tenant,
      'm',
      1,
      { checkpoint: at(3), schemaVersion: 1, snapshot: { n: 3 } },
      { entries: entries(3) },
    );
    // The entries' insert fails inside the save's transaction, after the snapshot and its row are written.
    store.database.exec(
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
    store.database.exec('DROP TRIGGER fail_entries');
    await readModels.save(
      tenant,
      'm',
      1,
      { checkpoint: at(9), schemaVersion: 1, snapshot: { n: 9 } },
      { entries: entries(9) },
    );
    expect(await readModels.loadEntries(tenant, 'm', 1)).toEqual(entries(9).slice(0));
    await store.close();
  });
});

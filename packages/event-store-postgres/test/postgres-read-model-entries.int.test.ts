import { randomBytes } from 'node:crypto';
import type { Checkpoint } from '@vouch/event-store';
import { ENTRIES_PER_ROW, PostgresEventStore, PostgresReadModelStore } from '../src';
import { usePostgresTestServer } from '../src/testing';

const tenant = 'tenant-a';
const at = (n: number) => String(n).padStart(16, '0') as Checkpoint;
const entry = (i: number) => [at(i + 1), `advocate-${i}`, i, 'Advocate 🙂 enrolled \\ "quoted"'];
const entries = (count: number) => ({
  count,
  slice: (start: number) => Array.from({ length: count - start }, (_, i) => entry(start + i)),
});

const server = usePostgresTestServer();
let schemas = 0;

async function open() {
  const store = await PostgresEventStore.open({
    connectionString: server.url,
    schema: `entries_${process.pid}_${++schemas}`,
    masterKey: randomBytes(32),
  });
  return { store, readModels: await PostgresReadModelStore.open(store.database) };
}

describe('PostgreSQL read-model store: append-only entries beside the snapshot (issue 15, audit16)', () => {
  it('writes the new entries in rows of ENTRIES_PER_ROW, never rewriting the rows already there', async () => {
    const { store, readModels } = await open();
    try {
      const saved = (n: number) => ({ checkpoint: at(n), schemaVersion: 1, snapshot: {} });
      await readModels.save(tenant, 'm', 1, saved(1), { entries: entries(10) });
      const total = 2 * ENTRIES_PER_ROW + 10 + 7;
      await readModels.save(tenant, 'm', 1, saved(2), { entries: entries(total) });
      const rows = await store.database.query<{ seq: number; count: number }>(
        'entries rows',
        `SELECT seq, count FROM ${store.database.schema}.read_model_entries WHERE tenant_id = $1 ORDER BY seq`,
        [tenant],
      );
      expect(rows).toEqual([
        { seq: 0, count: 10 },
        { seq: 10, count: ENTRIES_PER_ROW },
        { seq: 10 + ENTRIES_PER_ROW, count: ENTRIES_PER_ROW },
        { seq: 10 + 2 * ENTRIES_PER_ROW, count: 7 },
      ]);
      expect(await readModels.loadEntries(tenant, 'm', 1)).toEqual(entries(total).slice(0));
    } finally {
      await store.close();
    }
  });

  it('a save whose entries cannot be written leaves snapshot, checkpoint, entries and activation as they were', async () => {
    const { store, readModels } = await open();
    const s = store.database.schema;
    try {
      await readModels.save(
        tenant,
        'm',
        1,
        { checkpoint: at(3), schemaVersion: 1, snapshot: { n: 3 } },
        { entries: entries(3) },
      );
      // The entries' insert fails inside the save's transaction, after the snapshot's upsert.
      await store.database.query(
        'fail entries',
        `CREATE FUNCTION ${s}.fail_entries() RETURNS trigger LANGUAGE plpgsql AS
           $$ BEGIN RAISE EXCEPTION 'disk says no'; END $$`,
      );
      await store.database.query(
        'fail entries trigger',
        `CREATE TRIGGER fail_entries BEFORE INSERT ON ${s}.read_model_entries
           FOR EACH ROW EXECUTE FUNCTION ${s}.fail_entries()`,
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
      await store.database.query('drop trigger', `DROP TRIGGER fail_entries ON ${s}.read_model_entries`);
      await readModels.save(
        tenant,
        'm',
        1,
        { checkpoint: at(9), schemaVersion: 1, snapshot: { n: 9 } },
        { entries: entries(9) },
      );
      expect(await readModels.loadEntries(tenant, 'm', 1)).toEqual(entries(9).slice(0));
    } finally {
      await store.close();
    }
  });
});

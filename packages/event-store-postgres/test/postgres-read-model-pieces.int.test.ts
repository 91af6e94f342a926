import { randomBytes } from 'node:crypto';
import { SavedStateUnreadableError, type Checkpoint } from '@vouch/event-store';
import { PostgresEventStore, PostgresReadModelStore } from '../src';
import { usePostgresTestServer } from '../src/testing';

const tenant = 'tenant-a';
const at = (n: number) => String(n).padStart(16, '0') as Checkpoint;
// Umlauts, CJK and emoji (surrogate pairs), escapes and a lone surrogate.
const model = {
  name: 'Zoë Łukasz 山田 🙂🚀 \\ "quoted"',
  items: Array.from({ length: 40 }, (_, i) => `entry-${i}-🧾`),
};

const server = usePostgresTestServer();
let schemas = 0;

async function open(pieceChars?: number, charsPerStatement?: number) {
  const store = await PostgresEventStore.open({
    connectionString: server.url,
    schema: `pieces_${process.pid}_${++schemas}`,
    masterKey: randomBytes(32),
  });
  return {
    store,
    readModels: await PostgresReadModelStore.open(store.database, pieceChars, charsPerStatement),
  };
}

/** The stored pieces of every version of `projection`, in order. */
async function pieces(
  store: PostgresEventStore,
  projection = 'm',
): Promise<{ version: number; text: string }[]> {
  return store.database.query<{ version: number; text: string }>(
    'pieces',
    `SELECT version, text FROM ${store.database.schema}.read_model_chunks
      WHERE tenant_id = $1 AND projection = $2 ORDER BY version, seq`,
    [tenant, projection],
  );
}

describe('PostgreSQL read-model store: snapshots saved and loaded in pieces (issue 15)', () => {
  it('saves a snapshot in pieces that join to JSON.stringify of it, loads it back, and a later save replaces them', async () => {
    const { store, readModels } = await open(16);
    try {
      await readModels.save(tenant, 'm', 1, { checkpoint: at(5), schemaVersion: 3, snapshot: model });
      const stored = await pieces(store);
      expect(stored.length).toBeGreaterThan(20);
      expect(stored.map((p) => p.text).join('')).toBe(JSON.stringify(model));
      const [row] = await store.database.query<{ snapshot: string }>(
        'row',
        `SELECT snapshot FROM ${store.database.schema}.read_models WHERE tenant_id = $1`,
        [tenant],
      );
      expect(row?.snapshot).toBe('');
      expect(await readModels.load(tenant, 'm', 1)).toEqual({
        checkpoint: at(5),
        schemaVersion: 3,
        snapshot: model,
      });
      await readModels.save(tenant, 'm', 1, { checkpoint: at(6), schemaVersion: 3, snapshot: { v: 1 } });
      expect(await pieces(store)).toEqual([{ version: 1, text: '{"v":1}' }]);
      expect((await readModels.load(tenant, 'm', 1))?.snapshot).toEqual({ v: 1 });
    } finally {
      await store.close();
    }
  });

  it('still loads a snapshot saved whole in the read_models row (before pieces)', async () => {
    const { store, readModels } = await open();
    try {
      await store.database.query(
        'legacy row',
        `INSERT INTO ${store.database.schema}.read_models (tenant_id, projection, version, checkpoint, schema_version, active, snapshot)
         VALUES ($1, 'm', 1, $2, 3, true, $3)`,
        [tenant, at(9), JSON.stringify(model)],
      );
      expect(await readModels.load(tenant, 'm', 1)).toEqual({
        checkpoint: at(9),
        schemaVersion: 3,
        snapshot: model,
      });
    } finally {
      await store.close();
    }
  });

  it('a save that fails after megabytes of pieces were sent leaves the previous snapshot, checkpoint, pieces and activation', async () => {
    const { store, readModels } = await open(256, 4096);
    try {
      await readModels.save(
        tenant,
        'm',
        1,
        { checkpoint: at(4), schemaVersion: 3, snapshot: model },
        { activate: true },
      );
      const before = await pieces(store);
      // Past the first statements of pieces (several MB), a value that cannot be serialised.
      const items: unknown[] = Array.from({ length: 2_000 }, (_, i) => `later-${i}-${'x'.repeat(100)}`);
      items.push({
        toJSON() {
          throw new Error('cannot serialise');
        },
      });
      // The statements of pieces sent before the failure (counted inside the transaction).
      let sent = 0;
      const transaction = store.database.transaction.bind(store.database);
      const spy = jest.spyOn(store.database, 'transaction').mockImplementation((what, work) =>
        transaction(what, (client) => {
          const query = client.query.bind(client) as (...args: unknown[]) => unknown;
          (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
            if (String(args[0]).includes('read_model_chunks (tenant_id')) sent++;
            return query(...args);
          };
          return work(client).finally(() => {
            (client as unknown as { query: unknown }).query = query;
          });
        }),
      );
      await expect(
        readModels.save(
          tenant,
          'm',
          1,
          { checkpoint: at(9), schemaVersion: 3, snapshot: { items } },
          { activate: true },
        ),
      ).rejects.toThrow('cannot serialise');
      spy.mockRestore();
      expect(sent).toBeGreaterThan(10);
      expect(await pieces(store)).toEqual(before);
      expect(await readModels.load(tenant, 'm', 1)).toEqual({
        checkpoint: at(4),
        schemaVersion: 3,
        snapshot: model,
      });
      expect(await readModels.activeVersion(tenant, 'm')).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('a refused save (checkpoint moving back) writes no piece', async () => {
    const { store, readModels } = await open(16);
    try {
      await readModels.save(tenant, 'm', 1, { checkpoint: at(8), schemaVersion: 3, snapshot: model });
      const before = await pieces(store);
      await expect(
        readModels.save(tenant, 'm', 1, { checkpoint: at(3), schemaVersion: 3, snapshot: { older: true } }),
      ).rejects.toThrow(RangeError);
      expect(await pieces(store)).toEqual(before);
    } finally {
      await store.close();
    }
  });

  it("activation drops the other versions' pieces; discard drops an inactive version's", async () => {
    const { store, readModels } = await open(16);
    try {
      await readModels.save(
        tenant,
        'm',
        1,
        { checkpoint: at(5), schemaVersion: 3, snapshot: model },
        { activate: true },
      );
      await readModels.save(tenant, 'm', 2, { checkpoint: at(5), schemaVersion: 3, snapshot: model });
      await readModels.save(tenant, 'other', 1, { checkpoint: at(5), schemaVersion: 3, snapshot: model });
      await readModels.discard(tenant, 'm', 2);
      expect(new Set((await pieces(store)).map((p) => p.version))).toEqual(new Set([1]));
      await readModels.save(
        tenant,
        'm',
        2,
        { checkpoint: at(7), schemaVersion: 3, snapshot: { v: 2 } },
        { activate: true },
      );
      expect(await pieces(store)).toEqual([{ version: 2, text: '{"v":2}' }]);
      expect((await readModels.load(tenant, 'other', 1))?.snapshot).toEqual(model);
    } finally {
      await store.close();
    }
  });

  it('a broken or missing piece is a SavedStateUnreadableError that names the row, never the text', async () => {
    const { store, readModels } = await open(8);
    const s = store.database.schema;
    try {
      await readModels.save(tenant, 'm', 1, { checkpoint: at(5), schemaVersion: 3, snapshot: model });
      const unreadable = async () => {
        const error = await readModels.load(tenant, 'm', 1).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(SavedStateUnreadableError);
        expect((error as Error).message).not.toMatch(/entry-|secret/);
      };
      await store.database.query('missing', `DELETE FROM ${s}.read_model_chunks WHERE seq = 5`, []);
      await unreadable();
      await store.database.query('torn', `UPDATE ${s}.read_model_chunks SET seq = 5 WHERE seq = 6`, []);
      await store.database.query(
        'torn',
        `UPDATE ${s}.read_model_chunks SET text = '"secret' WHERE seq = 5`,
        [],
      );
      await unreadable();
    } finally {
      await store.close();
    }
  });
});

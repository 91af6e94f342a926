import { randomBytes } from 'node:crypto';
import type { Checkpoint } from '@vouch/event-store';
import { SqliteEventStore, SqliteReadModelStore } from '@vouch/event-store-sqlite';
import { useTempDirectory } from './support/temp-files';

const nextFile = useTempDirectory();
const tenant = 'tenant-a';
const at = (n: number) => String(n).padStart(20, '0') as Checkpoint;
// Umlauts, a CJK character and emoji (surrogate pairs), so pieces are cut inside multi-byte text.
const model = { name: 'Zoë Łukasz 山田 🙂🚀', items: Array.from({ length: 40 }, (_, i) => `entry-${i}-🧾`) };

function openStore(): SqliteEventStore {
  return SqliteEventStore.open({ filename: nextFile(), masterKey: randomBytes(32), durability: 'NORMAL' });
}

/** How many pieces each version of `projection` has in the chunk table. */
function piecesPerVersion(store: SqliteEventStore, projection: string): Record<number, number> {
  const rows = store.database
    .prepare(
      'SELECT version, count(*) AS n FROM read_model_chunks WHERE tenant_id = ? AND projection = ? GROUP BY version',
    )
    .all(tenant, projection) as { version: number; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.version, r.n]));
}

describe('SQLite read-model store: snapshots stored in pieces (issue 15)', () => {
  it('saves a snapshot larger than a piece in several rows and loads it back unchanged', async () => {
    const store = openStore();
    const readModels = new SqliteReadModelStore(store.database, undefined, 7);
    await readModels.save(tenant, 'models', 1, { checkpoint: at(5), schemaVersion: 3, snapshot: model });
    expect(piecesPerVersion(store, 'models')[1]).toBeGreaterThan(10);
    // The bytes SQLite returns (UTF-8 decoded) still make the same text: no character was cut.
    const again = new SqliteReadModelStore(store.database, undefined, 7);
    expect(await again.load(tenant, 'models', 1)).toEqual({
      checkpoint: at(5),
      schemaVersion: 3,
      snapshot: model,
    });
    // A later save replaces the pieces rather than adding to them.
    await readModels.save(tenant, 'models', 1, {
      checkpoint: at(6),
      schemaVersion: 3,
      snapshot: { v: 1 },
    });
    expect(piecesPerVersion(store, 'models')[1]).toBe(1);
    expect((await readModels.load(tenant, 'models', 1))?.snapshot).toEqual({ v: 1 });
    await store.close();
  });

  it('still loads a snapshot saved whole in the read_models row (before pieces)', async () => {
    const store = openStore();
    const readModels = new SqliteReadModelStore(store.database);
    store.database
      .prepare(
        `INSERT INTO read_models (tenant_id, projection, version, checkpoint, schema_version, active, snapshot, saved_at)
         VALUES (?, 'models', 1, ?, 3, 1, ?, '2026-01-01T00:00:00.000Z')`,
      )
      .run(tenant, at(9), JSON.stringify(model));
    expect(await readModels.load(tenant, 'models', 1)).toEqual({
      checkpoint: at(9),
      schemaVersion: 3,
      snapshot: model,
    });
    await store.close();
  });

  it("activation drops every other version's pieces; discard drops an inactive version's and refuses the active one", async () => {
    const store = openStore();
    const readModels = new SqliteReadModelStore(store.database, undefined, 5);
    await readModels.save(
      tenant,
      'models',
      1,
      { checkpoint: at(5), schemaVersion: 3, snapshot: model },
      { activate: true },
    );
    await readModels.save(tenant, 'models', 2, { checkpoint: at(5), schemaVersion: 3, snapshot: model });
    await readModels.save(tenant, 'other', 1, { checkpoint: at(5), schemaVersion: 3, snapshot: model });
    await readModels.discard(tenant, 'models', 2);
    expect(Object.keys(piecesPerVersion(store, 'models'))).toEqual(['1']);
    await expect(readModels.discard(tenant, 'models', 1)).rejects.toThrow(/is active/);
    expect((await readModels.load(tenant, 'models', 1))?.snapshot).toEqual(model);

    await readModels.save(
      tenant,
      'models',
      2,
      { checkpoint: at(7), schemaVersion: 3, snapshot: { v: 2 } },
      { activate: true },
    );
    expect(Object.keys(piecesPerVersion(store, 'models'))).toEqual(['2']);
    expect(await readModels.load(tenant, 'models', 1)).toBeUndefined();
    expect(await readModels.activeVersion(tenant, 'models')).toBe(2);
    // Another projection's pieces are not touched.
    expect((await readModels.load(tenant, 'other', 1))?.snapshot).toEqual(model);
    await store.close();
  });

  it('a refused save (checkpoint moving back) leaves the saved pieces as they were', async () => {
    const store = openStore();
    const readModels = new SqliteReadModelStore(store.database, undefined, 5);
    await readModels.save(tenant, 'models', 1, { checkpoint: at(8), schemaVersion: 3, snapshot: model });
    const before = piecesPerVersion(store, 'models')[1];
    await expect(
      readModels.save(tenant, 'models', 1, {
        checkpoint: at(3),
        schemaVersion: 3,
        snapshot: { older: true },
      }),
    ).rejects.toThrow(RangeError);
    expect(piecesPerVersion(store, 'models')[1]).toBe(before);
    expect((await readModels.load(tenant, 'models', 1))?.snapshot).toEqual(model);
    await store.close();
  });

  it('the pieces on disk join to JSON.stringify of the snapshot, each ending between two values', async () => {
    const store = openStore();
    const readModels = new SqliteReadModelStore(store.database, undefined, 64);
    const snapshot = {
      directory: { advocates: Array.from({ length: 300 }, (_, i) => [`adv-${i}`, { name: `Zoë ${i} 🙂` }]) },
      history: { advocates: Array.from({ length: 50 }, (_, i) => ({ id: i, at: 1700000000000 + i })) },
      gone: undefined,
    };
    await readModels.save(tenant, 'models', 1, { checkpoint: at(5), schemaVersion: 3, snapshot });
    const pieces = store.database
      .prepare('SELECT text FROM read_model_chunks WHERE tenant_id = ? AND projection = ? ORDER BY seq')
      .pluck()
      .all(tenant, 'models') as string[];
    expect(pieces.length).toBeGreaterThan(50);
    expect(pieces.join('')).toBe(JSON.stringify(snapshot));
    for (const piece of pieces) expect(piece.length).toBeLessThan(64 + 40);
    expect((await readModels.load(tenant, 'models', 1))?.snapshot).toEqual(
      JSON.parse(JSON.stringify(snapshot)),
    );
    await store.close();
  });

  it('a save that fails after some pieces were written leaves the previous snapshot, checkpoint and activation as they were', async () => {
    const store = openStore();
    const readModels = new SqliteReadModelStore(store.database, undefined, 5);
    await readModels.save(
      tenant,
      'models',
      1,
      { checkpoint: at(4), schemaVersion: 3, snapshot: model },
      { activate: true },
    );
    const before = piecesPerVersion(store, 'models')[1];
    // The 30th item cannot be serialised: dozens of pieces are written before it is reached.
    const items: unknown[] = Array.from({ length: 40 }, (_, i) => `later-${i}`);
    items[30] = {
      toJSON() {
        throw new Error('cannot serialise');
      },
    };
    const written: number[] = [];
    const spy = jest.spyOn(JSON, 'stringify');
    await expect(
      readModels.save(
        tenant,
        'models',
        1,
        { checkpoint: at(9), schemaVersion: 3, snapshot: { name: 'later', items } },
        { activate: true },
      ),
    ).rejects.toThrow('cannot serialise');
    written.push(spy.mock.calls.length);
    spy.mockRestore();
    expect(written[0]).toBeGreaterThan(30);
    expect(piecesPerVersion(store, 'models')[1]).toBe(before);
    expect(await readModels.load(tenant, 'models', 1)).toEqual({
      checkpoint: at(4),
      schemaVersion: 3,
      snapshot: model,
    });
    await store.close();
  });
});

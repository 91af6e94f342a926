import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteReadModelStore } from '@vouch/event-store-sqlite';
import { relearnThroughServe } from './support/relearn-through-serve';
import { seededDataDir } from './support/seeded-data-dir';

const dataDir = mkdtempSync(join(tmpdir(), 'vouch-relearn-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

beforeAll(async () => {
  await seededDataDir({ dataDir });
}, 80_000);

/**
 * Replaces a saved snapshot's JSON text (in pieces or in its row) by `text`, as a torn write
 * or a hand edit leaves it: no store API writes broken JSON, so the bytes are written directly.
 */
function overwriteSnapshotText(projection: string, text: string): Promise<void> {
  const db = new Database(join(dataDir, 'vouch.db'));
  try {
    const chunked = db
      .prepare(
        "SELECT count(*) AS n FROM read_models WHERE tenant_id = 'demo' AND projection = ? AND snapshot = ''",
      )
      .get(projection) as { n: number };
    if (chunked.n > 0) {
      db.prepare("DELETE FROM read_model_chunks WHERE tenant_id = 'demo' AND projection = ? AND seq > 0").run(
        projection,
      );
      const changed = db
        .prepare(
          "UPDATE read_model_chunks SET text = ? WHERE tenant_id = 'demo' AND projection = ? AND seq = 0",
        )
        .run(text, projection);
      expect(changed.changes).toBe(1);
    } else {
      const changed = db
        .prepare(
          "UPDATE read_models SET snapshot = ? WHERE tenant_id = 'demo' AND projection = ? AND active = 1",
        )
        .run(text, projection);
      expect(changed.changes).toBe(1);
    }
  } finally {
    db.close();
  }
  return Promise.resolve();
}

relearnThroughServe('SQLite', () => ({
  dataDir,
  env: {},
  openReadModels: () => {
    const db = new Database(join(dataDir, 'vouch.db'));
    return Promise.resolve({
      readModels: new SqliteReadModelStore(db),
      close: () => Promise.resolve(void db.close()),
    });
  },
  overwriteSnapshotText,
}));

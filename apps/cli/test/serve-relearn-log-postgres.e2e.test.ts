import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresEventStore, PostgresReadModelStore } from '@vouch/event-store-postgres';
import { usePostgresTestServer } from '@vouch/event-store-postgres/testing';
import { relearnThroughServe } from './support/relearn-through-serve';
import { seededDataDir } from './support/seeded-data-dir';

// Its own server: `vouch serve` works in the default schema.
const server = usePostgresTestServer({ useDatabaseUrl: false });
const masterKey = randomBytes(32);
const dataDir = mkdtempSync(join(tmpdir(), 'vouch-relearn-pg-'));
let env: Record<string, string>;

beforeAll(async () => {
  env = { VOUCH_STORE: 'postgres', DATABASE_URL: server.url, VOUCH_MASTER_KEY: masterKey.toString('base64') };
  await seededDataDir({ dataDir, env });
}, 300_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const openStore = () => PostgresEventStore.open({ connectionString: server.url, masterKey });

relearnThroughServe('PostgreSQL', () => ({
  dataDir,
  env,
  // On PostgreSQL the process managers start under the tenant's lease, after the API listens.
  backgroundStarted: /this instance holds the lease: background work started/,
  openReadModels: async () => {
    const store = await openStore();
    return { readModels: await PostgresReadModelStore.open(store.database), close: () => store.close() };
  },
  // The row's text itself: no store API writes broken JSON.
  overwriteSnapshotText: async (projection, text) => {
    const store = await openStore();
    try {
      const { database } = store;
      const changed = await database.query<{ version: number }>(
        'tear saved text',
        `UPDATE ${database.schema}.read_models SET snapshot = $1
          WHERE tenant_id = 'demo' AND projection = $2 AND active RETURNING version`,
        [text, projection],
      );
      expect(changed).toHaveLength(1);
    } finally {
      await store.close();
    }
  },
}));

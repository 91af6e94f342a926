import { randomBytes } from 'node:crypto';
import { PostgresEventStore, PostgresReadModelStore } from '@vouch/event-store-postgres';
import { usePostgresTestServer } from '@vouch/event-store-postgres/testing';
import { projectionRunnerSuite, type RunnerStores } from './support/projection-runner-suite';
import { TENANT } from './support/story-world';

const server = usePostgresTestServer();
let schemas = 0;

projectionRunnerSuite(
  'PostgreSQL (snapshots in the store schema)',
  async (clock) => {
    const store = await PostgresEventStore.open({
      connectionString: server.url,
      schema: `runner_${process.pid}_${++schemas}`,
      masterKey: randomBytes(32),
      clock,
    });
    return {
      store,
      readModels: await PostgresReadModelStore.open(store.database),
      close: () => store.close(),
    };
  },
  tearPostgres,
);

/** Writes broken text into the PostgreSQL rows themselves. */
async function tearPostgres(
  stores: RunnerStores,
  projection: string,
  version: number,
  part: 'snapshot' | 'entries',
  text: string,
): Promise<void> {
  const { database } = stores.store as PostgresEventStore;
  const changed = await database.query<{ version: number }>(
    'tear saved text',
    part === 'snapshot'
      ? `UPDATE ${database.schema}.read_models SET snapshot = $1
          WHERE tenant_id = $2 AND projection = $3 AND version = $4 RETURNING version`
      : `UPDATE ${database.schema}.read_model_entries SET entries = $1
          WHERE tenant_id = $2 AND projection = $3 AND version = $4 AND seq = 0 RETURNING version`,
    [text, TENANT, projection, version],
  );
  expect(changed).toHaveLength(1);
}

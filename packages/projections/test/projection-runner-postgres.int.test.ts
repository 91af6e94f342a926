import { randomBytes } from 'node:crypto';
import { PostgresEventStore, PostgresReadModelStore } from '@vouch/event-store-postgres';
import { startPostgresTestServer, type PostgresTestServer } from '@vouch/event-store-postgres/testing';
import { projectionRunnerSuite } from './support/projection-runner-suite';

let server: PostgresTestServer;
beforeAll(async () => {
  server = await startPostgresTestServer();
}, 120_000);
afterAll(() => server?.stop());
let schemas = 0;

projectionRunnerSuite('PostgreSQL (snapshots in the store schema)', async (clock) => {
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
});

import { randomBytes } from 'node:crypto';
import { runEventStoreContract } from '@vouch/event-store/testing';
import type { PostgresTestServer } from '../src/testing';
import { PostgresEventStore } from '../src';
import { startPostgresTestServer } from '../src/testing';

let server: PostgresTestServer;
let schemas = 0;

beforeAll(async () => {
  server = await startPostgresTestServer();
}, 60_000);

afterAll(async () => {
  await server.stop();
});

// Each test gets a fresh schema: an empty store, as the contract asks, on one server.
runEventStoreContract('PostgreSQL', (options) =>
  PostgresEventStore.open({
    ...options,
    connectionString: server.url,
    schema: `contract_${process.pid}_${++schemas}`,
    masterKey: randomBytes(32),
  }),
);

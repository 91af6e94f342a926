import { randomBytes } from 'node:crypto';
import { runEventStoreContract } from '@vouch/event-store/testing';
import { PostgresEventStore } from '../src';
import { usePostgresTestServer } from '../src/testing';

let schemas = 0;

const server = usePostgresTestServer();

// Each test gets a fresh schema: an empty store, as the contract asks, on one server.
runEventStoreContract('PostgreSQL', (options) =>
  PostgresEventStore.open({
    ...options,
    connectionString: server.url,
    schema: `contract_${process.pid}_${++schemas}`,
    masterKey: randomBytes(32),
  }),
);

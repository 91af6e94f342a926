import { randomBytes } from 'node:crypto';
import { PostgresEventStore, PostgresReadModelStore } from '@vouch/event-store-postgres';
import { usePostgresTestServer } from '@vouch/event-store-postgres/testing';
import { postgresTables } from '../../../test/support/erasure-scan';
import { facadeErasureScan } from './support/facade-erasure-scan';

// A real PostgreSQL server: DATABASE_URL when set, else a throwaway embedded one.
const server = usePostgresTestServer();

facadeErasureScan('PostgreSQL', async () => {
  const schema = `erasure_scan_${process.pid}`;
  const store = await PostgresEventStore.open({
    connectionString: server.url,
    schema,
    masterKey: randomBytes(32),
  });
  return {
    store,
    readModels: await PostgresReadModelStore.open(store.database),
    checkpoints: store.checkpoints,
    bytes: () => postgresTables(server.url, schema),
  };
});

import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { KeyRotationInProgressError, MasterKeyMismatchError, masterKeyCheckValue } from '@vouch/event-store';
import { contactRecorded, contractPersonalData, runFailedAppendKeySuite } from '@vouch/event-store/testing';
import type { PostgresTestServer } from '../src/testing';
import { PostgresEventStore } from '../src';
import { startPostgresTestServer } from '../src/testing';

let server: PostgresTestServer;
let client: Client;
let schemas = 0;
const nextSchema = () => `key_check_${process.pid}_${(schemas += 1)}`;

beforeAll(async () => {
  server = await startPostgresTestServer();
  client = new Client({ connectionString: server.url });
  await client.connect();
}, 120_000);
afterAll(async () => {
  await client?.end();
  await server?.stop();
});

async function createStore(schema: string, masterKey: Buffer): Promise<void> {
  const store = await PostgresEventStore.open({
    connectionString: server.url,
    schema,
    masterKey,
    personalData: contractPersonalData,
  });
  await store.append('t', 'adv-1', [contactRecorded('t', 'adv-1', 'Ada Lovelace', 'ada@example.com')], {
    expectedVersion: 'no_stream',
  });
  await store.close();
}

describe('PostgreSQL store: the master key check value', () => {
  it('records the key check value when the schema is created and refuses another key', async () => {
    const schema = nextSchema();
    const key = randomBytes(32);
    await createStore(schema, key);
    const { rows } = await client.query<{ value: string }>(`SELECT value FROM ${schema}.master_key_check`);
    expect(rows).toEqual([{ value: masterKeyCheckValue(key) }]);
    await expect(
      PostgresEventStore.open({ connectionString: server.url, schema, masterKey: randomBytes(32) }),
    ).rejects.toBeInstanceOf(MasterKeyMismatchError);
  });

  it('records the key of a schema made before key check values, once a data key shows it is right', async () => {
    const schema = nextSchema();
    const key = randomBytes(32);
    await createStore(schema, key);
    // What a schema before migration 4 looked like.
    await client.query(
      `DROP TABLE ${schema}.master_key_check; DELETE FROM ${schema}.schema_migrations WHERE version = 4`,
    );

    await expect(
      PostgresEventStore.open({ connectionString: server.url, schema, masterKey: randomBytes(32) }),
    ).rejects.toBeInstanceOf(MasterKeyMismatchError);
    // Refused before migrating: the table is still missing.
    expect(
      (await client.query(`SELECT to_regclass('${schema}.master_key_check') AS t`)).rows[0].t,
    ).toBeNull();

    const store = await PostgresEventStore.open({
      connectionString: server.url,
      schema,
      masterKey: key,
      personalData: contractPersonalData,
    });
    expect((await store.readStream('t', 'adv-1'))[0]!.data.profile).toMatchObject({ name: 'Ada Lovelace' });
    await store.close();
    const { rows } = await client.query<{ value: string }>(`SELECT value FROM ${schema}.master_key_check`);
    expect(rows).toEqual([{ value: masterKeyCheckValue(key) }]);
  });

  it('refuses to open while a rotation is unfinished', async () => {
    const schema = nextSchema();
    const key = randomBytes(32);
    await createStore(schema, key);
    await client.query(`UPDATE ${schema}.master_key_check SET rotating_to = 'v1:other'`);
    await expect(
      PostgresEventStore.open({ connectionString: server.url, schema, masterKey: key }),
    ).rejects.toBeInstanceOf(KeyRotationInProgressError);
  });
});

runFailedAppendKeySuite('PostgreSQL store', async (options) => {
  const schema = nextSchema();
  const store = await PostgresEventStore.open({
    ...options,
    connectionString: server.url,
    schema,
    masterKey: randomBytes(32),
  });
  return {
    store,
    hasDataKey: async (tenantId, subjectId) =>
      (
        await client.query(
          `SELECT 1 FROM ${schema}.data_keys WHERE tenant_id = $1 AND subject_id = $2 AND wrapped_key IS NOT NULL`,
          [tenantId, subjectId],
        )
      ).rowCount === 1,
  };
});

import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { PostgresEventStore } from '@vouch/event-store-postgres';
import { usePostgresTestServer } from '@vouch/event-store-postgres/testing';
import { forgeStream, widenConsent, type RawEventRow } from './support/forgery';
import { tamperStory } from './support/tamper-story';

let schemas = 0;
const server = usePostgresTestServer();

tamperStory(
  'PostgreSQL',
  async (clock) => {
    // A schema of its own per story step: each forgery stays in its own store.
    const schema = `tamper_${process.pid}_${++schemas}`;
    const store = await PostgresEventStore.open({
      connectionString: server.url,
      schema,
      masterKey: randomBytes(32),
      clock,
    });
    // The forger works with a connection of their own.
    const withClient = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
      const client = new Client({ connectionString: server.url });
      await client.connect();
      try {
        return await work(client);
      } finally {
        await client.end();
      }
    };
    return {
      store,
      log: store.signedDigests,
      rows: (streamId) =>
        withClient(
          async (client) =>
            (
              await client.query<RawEventRow>(
                `SELECT tenant_id, stream_id, version, event_id, type, schema_version, data::text AS data,
                        personal::text AS personal, metadata::text AS metadata, recorded_at, fingerprint, hash
                   FROM ${schema}.events WHERE stream_id = $1 ORDER BY version`,
                [streamId],
              )
            ).rows,
        ),
      overwrite: (rows) =>
        withClient(async (client) => {
          for (const row of rows) {
            await client.query(`UPDATE ${schema}.events SET data = $1::json, hash = $2 WHERE event_id = $3`, [
              row.data,
              row.hash,
              row.eventId,
            ]);
          }
        }),
      removeDigest: (sequence) =>
        withClient(async (client) => {
          await client.query(
            `ALTER TABLE ${schema}.signed_digests DISABLE TRIGGER signed_digests_append_only`,
          );
          await client.query(`DELETE FROM ${schema}.signed_digests WHERE sequence = $1`, [sequence]);
        }),
      deleteDigests: () =>
        withClient(async (client) => {
          await client.query(`DELETE FROM ${schema}.signed_digests`);
        }),
      close: () => store.close(),
    };
  },
  (rows, eventId) => forgeStream(rows, eventId, widenConsent),
);

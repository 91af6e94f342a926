import { randomBytes } from 'node:crypto';
import { canonicalJson } from '@vouch/event-store';
import { contractEvent } from '@vouch/event-store/testing';
import type { PostgresTestServer } from '../src/testing';
import { PostgresEventStore } from '../src';
import { startPostgresTestServer } from '../src/testing';

let server: PostgresTestServer;

beforeAll(async () => {
  server = await startPostgresTestServer();
}, 60_000);

afterAll(async () => {
  await server.stop();
});

describe('PostgreSQL appends write the texts the event was hashed from', () => {
  it('stores data and metadata as their canonical JSON, key order included, and reads them back whole', async () => {
    const store = await PostgresEventStore.open({
      connectionString: server.url,
      schema: `stored_texts_${process.pid}`,
      masterKey: randomBytes(32),
    });
    try {
      // Integer-like keys are where a parsed object's order ("2" before "10") and the
      // canonical order ("10" before "2") part: the stored text must be the hashed one.
      const data = {
        '2': 'two',
        '10': 'ten',
        nested: { z: 1, a: [{ '2': true, '10': false }] },
        text: 'Zoë 🙂',
      };
      const event = contractEvent('tenant-a', 'TextsStored', data);
      await store.append('tenant-a', 'texts-1', [event], { expectedVersion: 'no_stream' });
      const rows = await store.database.query<{ data: string; metadata: string }>(
        'stored texts',
        `SELECT data::text AS data, metadata::text AS metadata FROM ${store.database.schema}.events WHERE stream_id = 'texts-1'`,
      );
      expect(rows).toEqual([{ data: canonicalJson(data), metadata: canonicalJson(event.metadata) }]);
      const [read] = await store.readStream('tenant-a', 'texts-1');
      expect(read!.data).toEqual(data);
      expect(read!.metadata).toEqual(event.metadata);
    } finally {
      await store.close();
    }
  });
});

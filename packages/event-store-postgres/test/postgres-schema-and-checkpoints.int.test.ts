import { randomBytes } from 'node:crypto';
import type { Checkpoint, RecordedEvent } from '@vouch/event-store';
import { canonicalJson, checkpointOf } from '@vouch/event-store';
import { contractEvent } from '@vouch/event-store/testing';
import { MIGRATIONS, PostgresDatabase, PostgresEventStore, migrate } from '../src';
import { usePostgresTestServer } from '../src/testing';

const server = usePostgresTestServer();

describe('PostgreSQL schema migrations', () => {
  it('apply once, whether run twice in a row or by eight starters at the same moment', async () => {
    const schema = `migrate_${process.pid}`;
    const databases = Array.from(
      { length: 8 },
      () => new PostgresDatabase({ connectionString: server.url, schema }),
    );
    try {
      const ran = await Promise.all(databases.map((database) => migrate(database)));
      expect(ran.flat().sort()).toEqual(MIGRATIONS.map((m) => m.version));
      expect(await migrate(databases[0]!)).toEqual([]);
      const rows = await databases[0]!.query<{ version: number }>(
        'versions',
        `SELECT version FROM "${schema}".schema_migrations`,
      );
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      await Promise.all(databases.map((database) => database.close()));
    }
  });
});

describe('PostgreSQL commit durability', () => {
  it('waits for the WAL flush of every commit by default, and not when a bulk load asks', async () => {
    const setting = async (database: PostgresDatabase): Promise<string[]> => {
      // Several statements at once, so more than one pooled connection answers.
      const rows = await Promise.all(
        Array.from({ length: 4 }, () =>
          database.query<{ value: string }>(
            'setting',
            "SELECT current_setting('synchronous_commit') AS value",
          ),
        ),
      );
      return [...new Set(rows.map(([row]) => row!.value))];
    };
    const durable = new PostgresDatabase({ connectionString: server.url });
    const bulk = new PostgresDatabase({ connectionString: server.url, synchronousCommit: false });
    try {
      expect(await setting(durable)).toEqual(['on']);
      expect(await setting(bulk)).toEqual(['off']);
      expect(bulk.pool.totalCount).toBeGreaterThan(1);
    } finally {
      await Promise.all([durable.close(), bulk.close()]);
    }
  });
});

describe('PostgreSQL projection checkpoints', () => {
  it('load what was saved, refuse to move back, and commit or roll back with the read model', async () => {
    const store = await PostgresEventStore.open({
      connectionString: server.url,
      schema: `checkpoints_${process.pid}`,
      masterKey: randomBytes(32),
    });
    try {
      const { checkpoints } = store;
      expect(await checkpoints.load('advocates')).toBeUndefined();
      await checkpoints.save('advocates', checkpointOf(5));
      await checkpoints.save('advocates', checkpointOf(5));
      await checkpoints.save('advocates', checkpointOf(12));
      expect(await checkpoints.load('advocates')).toBe(checkpointOf(12));
      await expect(checkpoints.save('advocates', checkpointOf(11))).rejects.toThrow(RangeError);

      await store.database.query(
        'read model',
        `CREATE TABLE ${store.database.schema}.advocate_count (n int)`,
      );
      await expect(
        store.transaction(async (client) => {
          await client.query(`INSERT INTO ${store.database.schema}.advocate_count VALUES (1)`);
          await checkpoints.saveIn(client, 'advocates', checkpointOf(20));
          throw new Error('the projection failed after writing');
        }),
      ).rejects.toThrow('the projection failed');
      expect(await checkpoints.load('advocates')).toBe(checkpointOf(12));
      expect(
        await store.database.query('count', `SELECT * FROM ${store.database.schema}.advocate_count`),
      ).toEqual([]);

      await store.transaction(async (client) => {
        await client.query(`INSERT INTO ${store.database.schema}.advocate_count VALUES (1)`);
        await checkpoints.saveIn(client, 'advocates', checkpointOf(20));
      });
      expect(await checkpoints.load('advocates')).toBe(checkpointOf(20));
    } finally {
      await store.close();
    }
  });
});

describe('PostgreSQL live delivery', () => {
  it('wakes a subscriber of another store instance (as in another process) through NOTIFY, long before its poll would', async () => {
    const schema = `notify_${process.pid}`;
    const masterKey = randomBytes(32);
    const writer = await PostgresEventStore.open({ connectionString: server.url, schema, masterKey });
    const reader = await PostgresEventStore.open({ connectionString: server.url, schema, masterKey });
    try {
      const seen: RecordedEvent[] = [];
      const subscription = reader.subscribe('tenant-live', {
        handler: (e) => void seen.push(e),
        pollIntervalMs: 60_000,
      });
      await subscription.caughtUp;
      // LISTEN is issued as the subscription starts; give it a moment to be in place.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const startedAt = Date.now();
      const result = await writer.append(
        'tenant-live',
        's',
        [contractEvent('tenant-live', 'Noted', { n: 1 })],
        {
          expectedVersion: 'no_stream',
        },
      );
      while (seen.length === 0 && Date.now() - startedAt < 5000)
        await new Promise((resolve) => setTimeout(resolve, 5));
      expect(seen.map((e) => e.checkpoint)).toEqual([result.checkpoint as Checkpoint]);
      expect(Date.now() - startedAt).toBeLessThan(2000);
      await subscription.stop();
    } finally {
      await Promise.all([writer.close(), reader.close()]);
    }
  });
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

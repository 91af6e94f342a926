// A NOTIFY only while another process listens: a store whose commits no other listener
// would hear sends none (a bulk load saves a round trip per commit), a listener that
// connects later is announced to within a second and gets every event by polling meanwhile.
import { randomBytes } from 'node:crypto';
import { contractEvent } from '@vouch/event-store/testing';
import { Client } from 'pg';
import { PostgresEventStore } from '../src';
import { listenerNameOf } from '../src/notifications/event-notifier';
import type { PostgresStorageEngine } from '../src/postgres-storage-engine';
import { usePostgresTestServer } from '../src/testing';

const server = usePostgresTestServer();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > ms) throw new Error('timed out');
    await sleep(5);
  }
}

const engineOf = (store: PostgresEventStore) =>
  (store as unknown as { engine: PostgresStorageEngine }).engine;

/** A plain connection LISTENing on the schema's channel: it hears every NOTIFY sent, and is no Vouch listener. */
async function spyOn(
  schema: string,
  applicationName: string,
): Promise<{ heard: string[]; end: () => Promise<void> }> {
  const client = new Client({ connectionString: server.url, application_name: applicationName });
  await client.connect();
  const heard: string[] = [];
  client.on('notification', (message) => heard.push(message.payload ?? ''));
  await client.query(`LISTEN "${schema}_events"`);
  return { heard, end: () => client.end() };
}

describe('PostgreSQL NOTIFY only while another process listens (issue 15)', () => {
  it('sends nothing while only its own listener is there; a later listener is announced to, and polls meanwhile', async () => {
    const schema = `notify_listeners_${process.pid}`;
    const masterKey = randomBytes(32);
    const writer = await PostgresEventStore.open({ connectionString: server.url, schema, masterKey });
    const own: string[] = [];
    const unwatchOwn = engineOf(writer).watch((tenantId) => own.push(tenantId));
    // Hears any NOTIFY on the channel, but is not counted as a listener (another application name).
    const spy = await spyOn(schema, 'spy');
    let reader: PostgresEventStore | undefined;
    try {
      await sleep(300); // the writer's LISTEN in place
      for (let n = 1; n <= 3; n += 1) {
        await writer.append('tenant-a', 's', [contractEvent('tenant-a', 'Noted', { n })], {
          expectedVersion: n === 1 ? 'no_stream' : n - 1,
        });
        await sleep(20); // past the 5 ms coalescing window: one flush per append
      }
      await sleep(300);
      expect(own).toEqual(['tenant-a', 'tenant-a', 'tenant-a']); // local watchers told at once
      expect(spy.heard).toEqual([]); // no NOTIFY went out: no other listener

      // Another process starts listening inside the writer's quiet second.
      reader = await PostgresEventStore.open({ connectionString: server.url, schema, masterKey });
      const woken: string[] = [];
      const unwatchReader = engineOf(reader).watch((tenantId) => woken.push(tenantId));
      const received: unknown[] = [];
      const subscription = reader.subscribe('tenant-a', {
        handler: (event) => void received.push(event.data),
        pollIntervalMs: 100,
      });
      await sleep(100);
      await writer.append('tenant-a', 's', [contractEvent('tenant-a', 'Noted', { n: 4 })], {
        expectedVersion: 3,
      });
      // Not announced (the writer still trusts its last look), yet delivered by polling.
      await until(() => received.length === 4, 5_000);
      expect(received).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);

      // After the quiet second the writer looks again, finds the reader, and announces.
      await sleep(1_200);
      await writer.append('tenant-a', 's', [contractEvent('tenant-a', 'Noted', { n: 5 })], {
        expectedVersion: 4,
      });
      await until(() => woken.includes('tenant-a'), 5_000);
      await until(() => spy.heard.includes('tenant-a'), 5_000);
      await until(() => received.length === 5, 5_000);
      await subscription.stop();
      unwatchReader();
    } finally {
      unwatchOwn();
      await spy.end();
      await Promise.all([writer.close(), reader?.close()]);
    }
  }, 60_000);

  it('a store that does not listen at all still announces to a listening one at once', async () => {
    const schema = `notify_listeners_b_${process.pid}`;
    const masterKey = randomBytes(32);
    const reader = await PostgresEventStore.open({ connectionString: server.url, schema, masterKey });
    const writer = await PostgresEventStore.open({ connectionString: server.url, schema, masterKey });
    const woken: string[] = [];
    const unwatch = engineOf(reader).watch((tenantId) => woken.push(tenantId));
    try {
      await sleep(300);
      await writer.append('tenant-b', 's', [contractEvent('tenant-b', 'Noted', { n: 1 })], {
        expectedVersion: 'no_stream',
      });
      await until(() => woken.includes('tenant-b'), 5_000);
    } finally {
      unwatch();
      await Promise.all([writer.close(), reader.close()]);
    }
  }, 60_000);

  it('names listeners of a schema alike, within the server’s 63 bytes, and apart from other schemas', () => {
    const long = 'x'.repeat(63);
    expect(listenerNameOf(long)).toBe(listenerNameOf(long));
    expect(Buffer.byteLength(listenerNameOf(long))).toBeLessThanOrEqual(63);
    expect(listenerNameOf('vouch')).not.toBe(listenerNameOf('vouch2'));
  });
});

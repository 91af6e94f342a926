// Live delivery without the echo: a store's own commits wake its watchers once, as they
// return; the server's NOTIFY of the same commits coming back to its listener is dropped,
// while another store's (another process's) NOTIFY still wakes them.
import { randomBytes } from 'node:crypto';
import { contractEvent } from '@vouch/event-store/testing';
import { PostgresEventStore } from '../src';
import type { PostgresStorageEngine } from '../src/postgres-storage-engine';
import { startPostgresTestServer, type PostgresTestServer } from '../src/testing';

let server: PostgresTestServer;

beforeAll(async () => {
  server = await startPostgresTestServer();
}, 60_000);

afterAll(async () => {
  await server.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > 10_000) throw new Error('timed out');
    await sleep(5);
  }
}

describe('PostgreSQL live delivery of a store’s own commits (issue 15)', () => {
  it('wakes its own watchers once per commit, and still on another store’s NOTIFY', async () => {
    const schema = `notify_echo_${process.pid}`;
    const masterKey = randomBytes(32);
    const writer = await PostgresEventStore.open({ connectionString: server.url, schema, masterKey });
    const other = await PostgresEventStore.open({ connectionString: server.url, schema, masterKey });
    const wakes: string[] = [];
    const engine = (writer as unknown as { engine: PostgresStorageEngine }).engine;
    const unwatch = engine.watch((tenantId) => wakes.push(tenantId));
    try {
      // LISTEN is issued as the first watcher comes; give it a moment to be in place.
      await sleep(300);
      await writer.append('tenant-a', 's', [contractEvent('tenant-a', 'Noted', { n: 1 })], {
        expectedVersion: 'no_stream',
      });
      await writer.append('tenant-a', 's', [contractEvent('tenant-a', 'Noted', { n: 2 })], {
        expectedVersion: 1,
      });
      expect(wakes).toEqual(['tenant-a', 'tenant-a']);
      // Well after the writer's (coalesced) NOTIFY went out: the server delivers
      // notifications in commit order, so its echo would come before this one.
      await sleep(500);
      await other.append('tenant-b', 's', [contractEvent('tenant-b', 'Noted', { n: 1 })], {
        expectedVersion: 'no_stream',
      });
      await until(() => wakes.includes('tenant-b'));
      expect(wakes).toEqual(['tenant-a', 'tenant-a', 'tenant-b']);
    } finally {
      unwatch();
      await Promise.all([writer.close(), other.close()]);
    }
  }, 60_000);
});

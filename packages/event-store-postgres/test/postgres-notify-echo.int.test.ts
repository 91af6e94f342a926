// Live delivery without the echo: a store's own commits wake its watchers once, as they
// return; the server's NOTIFY of the same commits coming back to its listener is dropped,
// while another store's (another process's) NOTIFY still wakes them.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { contractEvent } from '@vouch/event-store/testing';
import { PostgresEventStore } from '../src';
import type { PostgresStorageEngine } from '../src/postgres-storage-engine';
import { usePostgresTestServer } from '../src/testing';

const server = usePostgresTestServer();

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

  it('drops the echo of a NOTIFY sent while its own LISTEN was still on its way', async () => {
    const schema = `notify_echo_early_${process.pid}`;
    const masterKey = randomBytes(32);
    // Another process listening, so the writer's commit is announced.
    const other = await PostgresEventStore.open({ connectionString: server.url, schema, masterKey });
    const unwatchOther = (other as unknown as { engine: PostgresStorageEngine }).engine.watch(
      () => undefined,
    );
    const writer = await PostgresEventStore.open({ connectionString: server.url, schema, masterKey });
    await sleep(300); // the other's LISTEN in place before any is held
    // Hold the writer's LISTEN until its first NOTIFY is issued, and let it land just before that
    // NOTIFY commits: the order a loaded machine can give, made certain here.
    const query = Client.prototype.query;
    let heldListen: (() => Promise<unknown>) | undefined;
    let listenHeld!: () => void;
    const listenArrived = new Promise<void>((resolve) => (listenHeld = resolve));
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      const [config] = args as [string | { name?: string }];
      const run = () => (query as (...a: unknown[]) => Promise<unknown>).apply(this, args);
      if (typeof config === 'string' && config.startsWith('LISTEN') && heldListen === undefined) {
        heldListen = run;
        listenHeld();
        return new Promise(() => undefined);
      }
      if (typeof config === 'object' && config.name?.endsWith('.notify_listeners') && heldListen) {
        const listen = heldListen;
        return listen().then(() => run());
      }
      return run();
    } as typeof query;
    const wakes: string[] = [];
    const engine = (writer as unknown as { engine: PostgresStorageEngine }).engine;
    const unwatch = engine.watch((tenantId) => wakes.push(tenantId));
    try {
      await sleep(300);
      await listenArrived;
      await writer.append('tenant-a', 's', [contractEvent('tenant-a', 'Noted', { n: 1 })], {
        expectedVersion: 'no_stream',
      });
      expect(wakes).toEqual(['tenant-a']);
      // The NOTIFY went out with the LISTEN in place: its echo arrives, and must not wake again.
      await sleep(500);
      await other.append('tenant-b', 's', [contractEvent('tenant-b', 'Noted', { n: 1 })], {
        expectedVersion: 'no_stream',
      });
      await until(() => wakes.includes('tenant-b'));
      expect(wakes).toEqual(['tenant-a', 'tenant-b']);
    } finally {
      Client.prototype.query = query;
      unwatch();
      unwatchOther();
      await Promise.all([writer.close(), other.close()]);
    }
  }, 60_000);
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventEnvelope } from '@vouch/domain';
import type { AppendResult, EventStore } from '@vouch/event-store';
import { SqliteEventStore } from '@vouch/event-store-sqlite';

/**
 * A fresh SQLite file for each test, opened as often as the test needs (each `open()` is
 * another connection to it, as another process would have), all closed and removed after it.
 * A test may point `filename` at another file of `dir` before opening.
 */
export function sqliteStoreFiles(prefix: string) {
  const stores: SqliteEventStore[] = [];
  const files = {
    dir: '',
    filename: '',
    masterKey: randomBytes(32),
    open(): SqliteEventStore {
      const store = SqliteEventStore.open({
        filename: files.filename,
        masterKey: files.masterKey,
        durability: 'NORMAL',
      });
      stores.push(store);
      return store;
    },
  };
  beforeEach(() => {
    files.dir = mkdtempSync(join(tmpdir(), prefix));
    files.filename = join(files.dir, 'vouch.db');
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    rmSync(files.dir, { recursive: true, force: true });
  });
  return files;
}

/** The store with the streams it read counted; `afterRead` runs after each read, before it answers. */
export function readsCounted(store: EventStore, afterRead?: () => Promise<void>) {
  const reads: string[] = [];
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'readStream') {
        return async (...args: Parameters<EventStore['readStream']>) => {
          reads.push(args[1]);
          const page = await target.readStream(...args);
          await afterRead?.();
          return page;
        };
      }
      if (property === 'readStreamTails') {
        return async (...args: Parameters<NonNullable<EventStore['readStreamTails']>>) => {
          reads.push(...args[1].map((tail) => tail.streamId));
          const tails = await target.readStreamTails!(...args);
          await afterRead?.();
          return tails;
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store: proxy, reads };
}

/** Appends at the stream's head as it is now (`no_stream` when it has none). */
export async function appendAtHead(
  store: EventStore,
  tenantId: string,
  streamId: string,
  events: EventEnvelope[],
): Promise<AppendResult> {
  const version = await store.streamVersion(tenantId, streamId);
  return store.append(tenantId, streamId, events, { expectedVersion: version === 0 ? 'no_stream' : version });
}

import { createVouch, type Vouch } from '@vouch/application';
import type { Instant } from '@vouch/domain';
import { InMemoryEventStore, type EventStore } from '@vouch/event-store';
import pino from 'pino';
import { createApiServer, type ApiServer } from '../../src';
import type { ApiServerOptions } from '../../src/server/api-server-options';
import { TEST_SECRET } from './tokens';

/** Opens the event store a test server runs on, with the server's injected clock. */
export type StoreFactory = (clock: () => Instant) => EventStore | Promise<EventStore>;

/** A real API server listening on 127.0.0.1 (ephemeral port), over an in-memory store unless told otherwise. */
export interface TestServer {
  readonly url: string;
  readonly origin: string;
  readonly server: ApiServer;
  readonly vouch: Vouch;
  readonly store: EventStore;
  /** Moves the injected clock. */
  setNow(instant: Instant): void;
  close(): Promise<void>;
}

export async function startTestServer(
  overrides: Partial<ApiServerOptions> & { store?: EventStore; openStore?: StoreFactory } = {},
): Promise<TestServer> {
  let now: Instant = '2026-11-23T09:00:00.000Z';
  const clock = () => now;
  const { openStore, ...options } = overrides;
  const store = options.store ?? (openStore ? await openStore(clock) : new InMemoryEventStore({ clock }));
  const vouch = options.vouch ?? createVouch({ store, clock, dueWorkIntervalMs: 0 });
  await vouch.start();
  const server = await createApiServer({
    auth: { hs256Secret: TEST_SECRET },
    environment: 'production',
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    ...options,
    vouch,
  });
  const { url } = await server.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    origin: new URL(url).origin,
    server,
    vouch,
    store,
    setNow: (instant) => {
      now = instant;
    },
    async close() {
      await server.stop();
      await vouch.stop();
      await store.close();
    },
  };
}

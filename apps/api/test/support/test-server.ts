import { createVouch, type Vouch } from '@vouch/application';
import type { Instant } from '@vouch/domain';
import { InMemoryEventStore, type EventStore } from '@vouch/event-store';
import pino from 'pino';
import { createApiServer, type ApiServer } from '../../src';
import type { ApiServerOptions } from '../../src/server/api-server-options';
import { TEST_SECRET } from './tokens';

/** A real API server listening on 127.0.0.1 (ephemeral port) over an in-memory store. */
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
  overrides: Partial<ApiServerOptions> & { store?: EventStore } = {},
): Promise<TestServer> {
  let now: Instant = '2026-11-23T09:00:00.000Z';
  const clock = () => now;
  const store = overrides.store ?? new InMemoryEventStore({ clock });
  const vouch = overrides.vouch ?? createVouch({ store, clock, dueWorkIntervalMs: 0 });
  await vouch.start();
  const server = await createApiServer({
    auth: { hs256Secret: TEST_SECRET },
    environment: 'production',
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    ...overrides,
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

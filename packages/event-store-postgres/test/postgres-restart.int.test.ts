import { randomBytes, randomUUID } from 'node:crypto';
import type { Checkpoint, RecordedEvent } from '@vouch/event-store';
import { StoreUnavailableError } from '@vouch/event-store';
import { contractEvent } from '@vouch/event-store/testing';
import { PostgresEventStore } from '../src';
import { usePostgresTestServer } from '../src/testing';

const TENANT = 'tenant-restart';

// This test restarts the server, so it always runs its own, whatever DATABASE_URL says.
const server = usePostgresTestServer({ useDatabaseUrl: false });

describe('PostgreSQL store: the server restarts while appends and a subscription run', () => {
  it('fails appends with StoreUnavailableError while down, recovers by itself, and the subscription resumes with nothing lost or repeated', async () => {
    const store = await PostgresEventStore.open({
      connectionString: server.url,
      schema: 'restart',
      masterKey: randomBytes(32),
      connectTimeoutMs: 500,
    });
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribe(TENANT, { handler: (e) => void seen.push(e), pollIntervalMs: 20 });

    const acknowledged = new Set<string>();
    const unavailable: unknown[] = [];
    let running = true;
    const writers = Array.from({ length: 4 }, async (_, writer) => {
      for (let i = 0; running; i++) {
        const events = [contractEvent(TENANT, 'Noted', { writer, i }, { eventId: randomUUID() })];
        // Retry the same event ids until acknowledged: a retry after an unknown outcome is idempotent.
        for (;;) {
          try {
            await store.append(TENANT, `stream-${writer}`, events, { expectedVersion: 'any' });
            break;
          } catch (error) {
            if (!(error instanceof StoreUnavailableError)) throw error;
            unavailable.push(error);
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        }
        acknowledged.add(events[0]!.eventId);
      }
    });

    for (let restart = 0; restart < 2; restart++) {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await server.restart({ downMs: 300 });
    }
    await new Promise((resolve) => setTimeout(resolve, 400));
    running = false;
    await Promise.all(writers);

    const log: RecordedEvent[] = [];
    for (let after: Checkpoint | undefined; ;) {
      const page = await store.readAll(TENANT, { limit: 1000, ...(after ? { after } : {}) });
      if (page.length === 0) break;
      log.push(...page);
      after = page[page.length - 1]!.checkpoint;
    }
    const deadline = Date.now() + 10_000;
    while (seen.length < log.length && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await subscription.stop();
    await store.close();

    expect(unavailable.length).toBeGreaterThan(0);
    const stored = new Set(log.map((e) => e.eventId));
    expect([...acknowledged].filter((id) => !stored.has(id))).toEqual([]);
    expect(log.length).toBe(stored.size);
    expect(seen.map((e) => e.checkpoint)).toEqual(log.map((e) => e.checkpoint));
  }, 120_000);
});

import fc from 'fast-check';
import {
  CorruptEventError,
  EngineEventStore,
  checkpointOf,
  positionOf,
  type RecordedEvent,
  type StorageEngine,
  type Subscription,
} from '@vouch/event-store';
import { contactRecorded, contractEvent } from '@vouch/event-store/testing';
import type { SqliteStorageEngine } from '@vouch/event-store-sqlite';
import { appendSteps, failuresOnDamagedRow, openPair, step, tenant } from './support/column-read-histories';
import { useTempDirectory } from './support/temp-files';

const nextFile = useTempDirectory();

/** A subscription's deliveries, and a way to wait until it has handled `count` of them. */
function collect(
  store: EngineEventStore,
  options: { after?: ReturnType<typeof checkpointOf>; batchSize: number },
  onEvent?: (event: RecordedEvent, index: number) => void | Promise<void>,
) {
  const events: RecordedEvent[] = [];
  const subscription: Subscription = store.subscribe(tenant, {
    ...options,
    handler: (event) => {
      events.push(event);
      return onEvent?.(event, events.length - 1);
    },
  });
  const handled = async (count: number): Promise<void> => {
    for (let waited = 0; events.length < count; waited += 5) {
      if (waited > 5000) throw new Error(`only ${events.length} of ${count} events delivered`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  return { events, subscription, handled };
}

/** The engine with its log reads counted (same connection, same answers). */
function countedReads(engine: SqliteStorageEngine) {
  const counts = { scanLog: 0, readLogColumns: 0 };
  const counted = Object.create(engine, {
    scanLog: {
      value: (...args: Parameters<StorageEngine['scanLog']>) => (
        (counts.scanLog += 1),
        engine.scanLog(...args)
      ),
    },
    readLogColumns: {
      value: (...args: Parameters<NonNullable<StorageEngine['readLogColumns']>>) => (
        (counts.readLogColumns += 1),
        engine.readLogColumns(...args)
      ),
    },
  }) as StorageEngine;
  return { counted, counts };
}

describe('SQLite store: a subscription catching up reads its own pages through the column path', () => {
  it('delivers what the shared scan of event objects delivers, from any checkpoint, in any page size, then live (property)', async () => {
    let compared = 0;
    const seen = { present: 0, erased: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 12 }),
        async (history, percent, batchSize) => {
          const pair = openPair(nextFile());
          try {
            await appendSteps(pair.columns, history);
            // From a checkpoint inside the log (its start and end included), so the live append comes after it.
            const last = positionOf(await pair.columns.lastCheckpoint(tenant));
            const options = { after: checkpointOf(Math.floor((last * percent) / 100)), batchSize };
            const fast = collect(pair.columns, options);
            const reference = collect(pair.objects, options);
            await Promise.all([fast.subscription.caughtUp, reference.subscription.caughtUp]);
            expect(fast.events).toStrictEqual(reference.events);
            // At the tail both follow the log: the next append reaches both alike.
            const before = fast.events.length;
            await pair.columns.append(tenant, 's-1', [contractEvent(tenant, 'Activated', { live: true })], {
              expectedVersion: 'any',
            });
            await Promise.all([fast.handled(before + 1), reference.handled(before + 1)]);
            expect(fast.events).toStrictEqual(reference.events);
            compared += fast.events.length;
            for (const event of fast.events) {
              if (event.personalData.status === 'present') seen.present += 1;
              if (event.personalData.status === 'erased') seen.erased += 1;
            }
            await Promise.all([fast.subscription.stop(), reference.subscription.stop()]);
          } finally {
            await pair.close();
          }
        },
      ),
      { numRuns: 100 },
    );
    // The property compared real events, personal and erased ones among them.
    // (100 runs compare ≈ 340–420 events, ≈ 80–115 present and ≈ 20–30 erased: floors with room.)
    expect(compared).toBeGreaterThan(200);
    expect(seen.present).toBeGreaterThan(30);
    expect(seen.erased).toBeGreaterThan(5);
  }, 120_000);

  it('reads full pages alone by the column path, and joins the shared scan at the tail', async () => {
    const pair = openPair(nextFile());
    const { counted, counts } = countedReads(pair.engine);
    const store = new EngineEventStore(counted, pair.options);
    try {
      for (let i = 0; i < 25; i += 1) {
        await store.append(tenant, 's-1', [contractEvent(tenant, 'Activated', { i })], {
          expectedVersion: 'any',
        });
      }
      const reader = collect(store, { batchSize: 10 });
      await reader.subscription.caughtUp;
      expect(reader.events).toHaveLength(25);
      // Pages of 10, 10 and 5: the short one says the tail is reached.
      expect(counts).toEqual({ scanLog: 0, readLogColumns: 3 });
      await store.append(tenant, 's-1', [contractEvent(tenant, 'Activated', { i: 25 })], {
        expectedVersion: 'any',
      });
      await reader.handled(26);
      expect(counts.readLogColumns).toBe(3);
      expect(counts.scanLog).toBeGreaterThan(0);
      await reader.subscription.stop();
    } finally {
      await pair.close();
    }
  });

  it('a subject forgotten while the subscription catches up is erased in every later page', async () => {
    const pair = openPair(nextFile());
    try {
      for (let i = 0; i < 30; i += 1) {
        await pair.columns.append(
          tenant,
          'adv-1',
          [contactRecorded(tenant, 'adv-1', 'Ada', `ada${i}@example.com`)],
          {
            expectedVersion: 'any',
          },
        );
      }
      // Forgotten while the fifth event of the first page (of 10) is handled.
      const reader = collect(pair.columns, { batchSize: 10 }, (_, index) =>
        index === 4 ? pair.columns.forgetSubject(tenant, 'adv-1').then(() => undefined) : undefined,
      );
      await reader.subscription.caughtUp;
      expect(reader.events).toHaveLength(30);
      const statuses = reader.events.map((event) => event.personalData.status);
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill('present'));
      expect(statuses.slice(10)).toEqual(Array(20).fill('erased'));
      expect(JSON.stringify(reader.events.slice(10))).not.toContain('@example.com');
      await reader.subscription.stop();
    } finally {
      await pair.close();
    }
  });

  it('a damaged row ends both paths with the same typed error', async () => {
    const { fast, reference } = await failuresOnDamagedRow(nextFile(), (store) =>
      collect(store, { batchSize: 10 }).subscription.done.then(() => undefined),
    );
    expect(fast).toBeInstanceOf(CorruptEventError);
    expect((fast as Error).message).toBe((reference as Error).message);
  });
});

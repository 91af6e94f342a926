import fc from 'fast-check';
import type { LogRange, LogScan } from '@vouch/event-store';
import { InMemoryEventStore } from '@vouch/event-store';
import { contractEvent } from '@vouch/event-store/testing';
import { SharedTailScan } from '../src/subscriptions/shared-tail-scan';

const TENANT = 'tenant-a';
const OTHER = 'tenant-b';
const TYPES = ['Noted', 'Asked', 'Closed'] as const;

type Step =
  | { readonly kind: 'append'; readonly tenant: string; readonly types: readonly string[] }
  | {
      readonly kind: 'scan';
      readonly requests: readonly {
        readonly at: number;
        readonly limit: number;
        readonly types: readonly string[] | undefined;
      }[];
    };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('append' as const),
    tenant: fc.constantFrom(TENANT, TENANT, OTHER),
    types: fc.array(fc.constantFrom(...TYPES), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({
    kind: fc.constant('scan' as const),
    requests: fc.array(
      fc.record({
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        limit: fc.integer({ min: 1, max: 6 }),
        types: fc.option(fc.subarray([...TYPES], { minLength: 1 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  }),
);

/** What a reader compares: positions and types of the events, how far it looked, whether at the end. */
const shape = (scan: LogScan): unknown => ({
  events: scan.events.map((event) => [event.position, event.type]),
  scannedTo: scan.scannedTo,
  reachedEnd: scan.reachedEnd,
});

describe('SharedTailScan', () => {
  it('answers every request of a batch as the store would, with appends, trimming and readers behind or ahead', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 8 }),
        async (steps, keep) => {
          const store = new InMemoryEventStore();
          const engine = store.storage;
          const shared = new SharedTailScan((range) => engine.scanLog(TENANT, range), keep);
          const positions = [0];
          let stream = 0;
          for (const s of steps) {
            if (s.kind === 'append') {
              stream += 1;
              const events = s.types.map((type) => contractEvent(s.tenant, type, { stream }));
              await store.append(s.tenant, `s-${stream}`, events, { expectedVersion: 'no_stream' });
              if (s.tenant === TENANT) {
                const all = await engine.readLog(TENANT, { afterPosition: positions.at(-1)!, limit: 100 });
                positions.push(...all.map((event) => event.position));
              }
              continue;
            }
            // Readers sit at checkpoints a subscription can hold: the start or an event's position.
            const requests = s.requests.map((r) => ({
              ...r,
              after: positions[Math.min(positions.length - 1, Math.floor(r.at * positions.length))]!,
            }));
            const answers = await Promise.all(requests.map((r) => shared.scan(r.after, r.limit, r.types)));
            for (const [i, r] of requests.entries()) {
              const range: LogRange = {
                afterPosition: r.after,
                limit: r.limit,
                ...(r.types ? { types: r.types } : {}),
              };
              expect(shape(answers[i]!)).toEqual(shape(await engine.scanLog(TENANT, range)));
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);

  it('reads the store once for all the readers at the tail woken by one commit', async () => {
    const store = new InMemoryEventStore();
    const ranges: LogRange[] = [];
    const shared = new SharedTailScan((range) => {
      ranges.push(range);
      return store.storage.scanLog(TENANT, range);
    });
    await Promise.all([shared.scan(0, 500, ['Noted']), shared.scan(0, 1000, undefined)]);
    ranges.length = 0;
    await store.append(
      TENANT,
      's',
      [contractEvent(TENANT, 'Noted', {}), contractEvent(TENANT, 'Asked', {})],
      {
        expectedVersion: 'no_stream',
      },
    );
    const readers = [['Noted'], ['Asked'], ['Closed'], undefined, ['Noted', 'Asked'], ['Closed']];
    const pages = await Promise.all(readers.map((types) => shared.scan(0, 500, types)));
    expect(ranges).toEqual([{ afterPosition: 0, limit: 500 }]);
    expect(pages.map((page) => page.events.map((event) => event.type))).toEqual([
      ['Noted'],
      ['Asked'],
      [],
      ['Noted', 'Asked'],
      ['Noted', 'Asked'],
      [],
    ]);
    expect(pages.every((page) => page.scannedTo === 2 && page.reachedEnd)).toBe(true);
  });

  it('fails every reader of a batch when the store read fails, and reads again on the next request', async () => {
    const store = new InMemoryEventStore();
    let failing = true;
    const shared = new SharedTailScan((range) =>
      failing ? Promise.reject(new Error('disk gone')) : store.storage.scanLog(TENANT, range),
    );
    const results = await Promise.allSettled([shared.scan(0, 10, ['Noted']), shared.scan(0, 10, undefined)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    failing = false;
    await store.append(TENANT, 's', [contractEvent(TENANT, 'Noted', {})], { expectedVersion: 'no_stream' });
    expect((await shared.scan(0, 10, ['Noted'])).events).toHaveLength(1);
  });
});

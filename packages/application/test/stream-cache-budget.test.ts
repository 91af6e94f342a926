import fc from 'fast-check';
import type { EventEnvelope } from '@vouch/domain';
import { InMemoryEventStore, type EventStore, type RecordedEvent } from '@vouch/event-store';
import { readWholeStream, StreamCache } from '../src';
import { estimatedEventBytes } from '../src/commands/estimated-event-bytes';
import { seeStreamReads } from './support/stream-reads-seen';
import { envelopeBuilder } from './support/test-envelope';

// The stream cache's budget is in (estimated) bytes: one huge stream costs what it weighs,
// and many small ones fit where a count of events would have treated each event alike.

const TENANT = 'acme';
const NOW = '2026-11-30T09:00:00.000Z';
const BUDGET = 128 * 1024;
/** Text of one huge event: about 80 KB estimated, so two exceed BUDGET and one fits. */
const HUGE_TEXT = 'x'.repeat(40_000);

const event: (type: string, data: Record<string, unknown>) => EventEnvelope = envelopeBuilder(TENANT, NOW);

async function append(store: EventStore, streamId: string, events: EventEnvelope[]): Promise<void> {
  const version = await store.streamVersion(TENANT, streamId);
  await store.append(TENANT, streamId, events, { expectedVersion: version === 0 ? 'no_stream' : version });
}

/** A store that notes from which version each stream read started (`@1`: the whole stream; `@2`: after a held event). */
function countingStore() {
  const store = new InMemoryEventStore({ clock: () => NOW });
  const asked: string[] = [];
  seeStreamReads(store, (streamId, fromVersion) => asked.push(`${streamId}@${fromVersion}`));
  return { store, asked };
}

describe('the stream cache budget in bytes', () => {
  it('estimates an event by its texts: a huge event weighs far more than a small one', async () => {
    const { store } = countingStore();
    await append(store, 'Big', [event('Counted', { text: HUGE_TEXT })]);
    await append(store, 'Small', [event('Counted', { n: 1 })]);
    const [big] = await readWholeStream(store, TENANT, 'Big');
    const [small] = await readWholeStream(store, TENANT, 'Small');
    expect(estimatedEventBytes(big!)).toBeGreaterThan(80_000);
    expect(estimatedEventBytes(big!)).toBeLessThan(BUDGET);
    expect(estimatedEventBytes(small!)).toBeLessThan(1_500);
  });

  it('evicts the least recently read when a few huge events exceed it', async () => {
    const { store, asked } = countingStore();
    for (const id of ['Big-1', 'Big-2', 'Big-3'])
      await append(store, id, [event('Counted', { text: HUGE_TEXT })]);
    const cache = new StreamCache(store, { maxBytes: BUDGET });
    for (const id of ['Big-1', 'Big-2', 'Big-3']) await cache.read(TENANT, id);
    asked.length = 0;
    await cache.read(TENANT, 'Big-3'); // held: only its tail is asked for
    await cache.read(TENANT, 'Big-2'); // evicted by Big-3: read whole
    expect(asked).toEqual(['Big-3@2', 'Big-2@1']);
  });

  it('holds many small streams in the same budget', async () => {
    const { store, asked } = countingStore();
    const ids = Array.from({ length: 100 }, (_, i) => `Small-${i}`);
    for (const id of ids) await append(store, id, [event('Counted', { n: 1 })]);
    const cache = new StreamCache(store, { maxBytes: BUDGET });
    for (const id of ids) await cache.read(TENANT, id);
    asked.length = 0;
    for (const id of ids) await cache.read(TENANT, id);
    expect(asked).toEqual(ids.map((id) => `${id}@2`));
  });

  it('keeps the older count of events when given a number, with no byte budget beside it', async () => {
    const { store, asked } = countingStore();
    for (const id of ['Big-1', 'Big-2', 'Big-3'])
      await append(store, id, [event('Counted', { text: HUGE_TEXT })]);
    // Three huge events (≈ 240 KB) fit a count of 3; a count of 2 evicts the oldest.
    const three = new StreamCache(store, 3);
    for (const id of ['Big-1', 'Big-2', 'Big-3']) await three.read(TENANT, id);
    const two = new StreamCache(store, 2);
    for (const id of ['Big-1', 'Big-2', 'Big-3']) await two.read(TENANT, id);
    asked.length = 0;
    for (const id of ['Big-1', 'Big-2', 'Big-3']) await three.read(TENANT, id);
    await two.read(TENANT, 'Big-3');
    await two.read(TENANT, 'Big-1');
    expect(asked).toEqual(['Big-1@2', 'Big-2@2', 'Big-3@2', 'Big-3@2', 'Big-1@1']);
  });

  it('reads every stream exactly as a whole read does under any byte budget, evicting as it goes', async () => {
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('append' as const),
        stream: fc.nat(3),
        size: fc.integer({ min: 0, max: 3_000 }),
      }),
      fc.record({ kind: fc.constant('read' as const), stream: fc.nat(3) }),
    );
    const summary = (events: readonly RecordedEvent[]) => events.map((e) => [e.eventId, e.version, e.data]);
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { maxLength: 30 }),
        fc.integer({ min: 1_000, max: 12_000 }),
        async (steps, maxBytes) => {
          const store = new InMemoryEventStore({ clock: () => NOW });
          const cache = new StreamCache(store, { maxBytes });
          for (const s of steps) {
            const streamId = `S-${s.stream}`;
            if (s.kind === 'append')
              await append(store, streamId, [event('Counted', { text: 'y'.repeat(s.size) })]);
            else
              expect(summary(await cache.read(TENANT, streamId))).toEqual(
                summary(await readWholeStream(store, TENANT, streamId)),
              );
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

import fc from 'fast-check';
import type { EventEnvelope } from '@vouch/domain';
import { InMemoryEventStore, type EventStore, type RecordedEvent } from '@vouch/event-store';
import { readWholeStream, StreamCache } from '../src';
import { seeStreamReads } from './support/stream-reads-seen';
import { envelopeBuilder } from './support/test-envelope';

const TENANT = 'acme';
const NOW = '2026-11-30T09:00:00.000Z';

// `Noted` carries a personal field about the person named in `personId`; `Counted` none.
const personalData = (type: string) =>
  type === 'Noted' ? { subjectField: 'personId', fields: ['note'] } : undefined;

const newStore = (): InMemoryEventStore => new InMemoryEventStore({ clock: () => NOW, personalData });

const event: (type: 'Counted' | 'Noted', data: Record<string, unknown>) => EventEnvelope = envelopeBuilder(
  TENANT,
  NOW,
);

/** Appends at the stream's head, as any other writer would. */
async function append(store: EventStore, streamId: string, events: EventEnvelope[]): Promise<void> {
  const version = await store.streamVersion(TENANT, streamId);
  await store.append(TENANT, streamId, events, { expectedVersion: version === 0 ? 'no_stream' : version });
}

const summary = (events: readonly RecordedEvent[]) =>
  events.map((e) => ({ id: e.eventId, version: e.version, data: e.data, personal: e.personalData }));

const count = (total: number, e: RecordedEvent): number => total + Number(e.data.n ?? 0);

describe('StreamCache', () => {
  it('reads every stream exactly as a whole read does, whatever others append in between', async () => {
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('append' as const),
        stream: fc.nat(2),
        n: fc.integer({ min: 1, max: 3 }),
      }),
      fc.record({ kind: fc.constant('read' as const), stream: fc.nat(2) }),
      fc.record({ kind: fc.constant('fold' as const), stream: fc.nat(2) }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { maxLength: 40 }),
        fc.integer({ min: 1, max: 8 }),
        async (steps, max) => {
          const store = newStore();
          // A small bound, so eviction of the least recently read happens too.
          const cache = new StreamCache(store, max);
          for (const s of steps) {
            const streamId = `Tally-${s.stream}`;
            if (s.kind === 'append') {
              await append(
                store,
                streamId,
                Array.from({ length: s.n }, (_, i) => event('Counted', { n: i + 1 })),
              );
            } else if (s.kind === 'read') {
              const whole = await readWholeStream(store, TENANT, streamId);
              expect(summary(await cache.read(TENANT, streamId))).toEqual(summary(whole));
            } else {
              const whole = await readWholeStream(store, TENANT, streamId);
              expect(await cache.fold(TENANT, streamId, 0, count)).toBe(whole.reduce(count, 0));
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('asks the store only for the tail once it holds a stream', async () => {
    const store = newStore();
    await append(store, 'Tally-1', [event('Counted', { n: 1 }), event('Counted', { n: 2 })]);
    const cache = new StreamCache(store);
    await cache.read(TENANT, 'Tally-1');
    const asked: number[] = [];
    seeStreamReads(store, (_, fromVersion) => asked.push(fromVersion));
    await append(store, 'Tally-1', [event('Counted', { n: 3 })]);
    expect((await cache.read(TENANT, 'Tally-1')).map((e) => e.version)).toEqual([1, 2, 3]);
    expect(asked).toEqual([3]);
  });

  it('never holds a stream whose personal fields the domain catalogue does not declare (they cannot be withheld): an erasure shows on the next read', async () => {
    const store = newStore();
    await append(store, 'Person-p1', [
      event('Counted', { n: 1 }),
      event('Noted', { personId: 'p1', note: 'prefers calls after 4pm' }),
    ]);
    const cache = new StreamCache(store);
    const before = await cache.read(TENANT, 'Person-p1');
    expect(before[1]!.data.note).toBe('prefers calls after 4pm');

    await store.forgetSubject(TENANT, 'p1');
    const after = await cache.read(TENANT, 'Person-p1');
    expect(after[1]!.personalData.status).toBe('erased');
    expect(JSON.stringify(after)).not.toContain('prefers calls');
  });

  it('stops holding a stream once personal data it cannot withhold is appended to it', async () => {
    const store = newStore();
    await append(store, 'Person-p2', [event('Counted', { n: 1 })]);
    const cache = new StreamCache(store);
    await cache.read(TENANT, 'Person-p2');
    await append(store, 'Person-p2', [event('Noted', { personId: 'p2', note: 'vegetarian' })]);
    expect((await cache.read(TENANT, 'Person-p2'))[1]!.data.note).toBe('vegetarian');

    await store.forgetSubject(TENANT, 'p2');
    expect(JSON.stringify(await cache.read(TENANT, 'Person-p2'))).not.toContain('vegetarian');
  });
});

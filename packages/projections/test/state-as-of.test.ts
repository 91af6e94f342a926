import fc from 'fast-check';
import {
  advocateDecider,
  eventDefinition,
  type AdvocateState,
  type DomainEvent,
  type Instant,
} from '@vouch/domain';
import type { RecordedEvent } from '@vouch/event-store';
import { StateAsOfFold, stateAsOf } from '../src';
import { cmd, StoryWorld } from './support/story-world';

// The replay as first written: sort by checkpoint, filter, sort by effective time, fold twice.
function naiveAsOf(events: readonly RecordedEvent[], at: Instant) {
  const t = Date.parse(at);
  const inLogOrder = [...events].sort((a, b) =>
    a.checkpoint < b.checkpoint ? -1 : a.checkpoint > b.checkpoint ? 1 : 0,
  );
  const recorded = inLogOrder.filter((e) => Date.parse(e.recordedAt) <= t);
  const effective = inLogOrder
    .filter((e) => Date.parse(e.metadata.effectiveAt) <= t)
    .sort((a, b) => Date.parse(a.metadata.effectiveAt) - Date.parse(b.metadata.effectiveAt));
  const fold = (list: readonly RecordedEvent[]) =>
    list.reduce(
      (state, e) => advocateDecider.evolve(state, e as unknown as DomainEvent as never),
      advocateDecider.initialState,
    );
  return {
    recorded: fold(recorded),
    effective: fold(effective),
    recordedEvents: recorded.length,
    effectiveEvents: effective.length,
  };
}

// One advocate's stream with a dozen events of several kinds.
function stream(): RecordedEvent[] {
  const world = new StoryWorld();
  world.setPolicies();
  world.registerAccount('acme', 'Acme GmbH', 'Manufacturing', 'EMEA', ['Planner']);
  world.nominateAndEnrol('ines', 'acme', {
    name: 'Ines',
    title: 'Ops',
    seniority: 'DIRECTOR',
    products: ['Planner'],
    useCases: [],
    languages: ['de'],
  });
  for (let i = 0; i < 4; i++) {
    world.advance(3);
    world.grantConsent('ines', `c-${i}`, ['REFERENCE_CALL']);
    world.advocate(
      'ines',
      cmd('UpdateAdvocateAttributes', {
        seniority: i % 2 === 0 ? 'VP' : 'DIRECTOR',
        products: ['Planner'],
        useCases: [`case-${i}`],
        languages: ['de'],
        topics: [],
      }),
    );
  }
  world.advocate('ines', cmd('RestAdvocate', { until: '2027-06-01T00:00:00.000Z', reason: 'Busy' }));
  return world.log.filter((e) => e.streamId === 'advocate-ines');
}

const DAY = 86_400_000;
const BASE = Date.parse('2026-11-23T00:00:00.000Z');
const iso = (days: number) => new Date(BASE + days * DAY).toISOString();

describe('stateAsOf, in one pass', () => {
  const events = stream();
  it('has a stream of several event types to replay', () => {
    expect(events.length).toBeGreaterThan(10);
    expect(new Set(events.map((e) => eventDefinition(e.type)?.aggregate))).toEqual(new Set(['Advocate']));
  });

  it('equals the two-sort replay for any order given, late records and back-dated effects', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ recorded: fc.integer({ min: 0, max: 40 }), lag: fc.integer({ min: -10, max: 0 }) }),
          {
            minLength: events.length,
            maxLength: events.length,
          },
        ),
        fc.integer({ min: 0, max: 45 }),
        fc.boolean(),
        fc.boolean(),
        (times, at, shuffle, inTime) => {
          // In time: recorded when it happened, in log order (the common case, one fold).
          const timed = events.map((e, i) => {
            const recorded = inTime ? i : times[i]!.recorded;
            const effective = inTime ? i : recorded + times[i]!.lag;
            return {
              ...e,
              recordedAt: iso(recorded),
              metadata: { ...e.metadata, effectiveAt: iso(effective) },
            };
          });
          const given = shuffle ? [...timed].reverse() : timed;
          const fast = stateAsOf<AdvocateState>(given, iso(at));
          const naive = naiveAsOf(given, iso(at));
          expect(fast.recorded).toEqual(naive.recorded);
          expect(fast.effective).toEqual(naive.effective);
          expect([fast.recordedEvents, fast.effectiveEvents]).toEqual([
            naive.recordedEvents,
            naive.effectiveEvents,
          ]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('StateAsOfFold, page by page', () => {
  const events = stream();
  // Folds `given` in pages of `size`; `undefined` when the fold asked for the sorting replay.
  const folded = (given: readonly RecordedEvent[], at: Instant, size: number) => {
    const fold = new StateAsOfFold<AdvocateState>(at);
    for (let i = 0; i < given.length; i += size) if (!fold.add(given.slice(i, i + size))) return undefined;
    return fold.result();
  };

  it('equals stateAsOf whenever it folds, and asks for the replay only when the stream is out of order', () => {
    let foldedRuns = 0;
    let replayRuns = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ recorded: fc.integer({ min: 0, max: 40 }), lag: fc.integer({ min: -10, max: 0 }) }),
          { minLength: events.length, maxLength: events.length },
        ),
        fc.integer({ min: 0, max: 45 }),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom('in time', 'late records', 'reversed'),
        (times, at, size, shape) => {
          let recordedDay = 0;
          const timed = events.map((e, i) => {
            // Recorded in log order; effective as recorded (in time) or up to 10 days before.
            recordedDay = shape === 'in time' ? i : Math.max(recordedDay, times[i]!.recorded);
            const effective = shape === 'in time' ? i : recordedDay + times[i]!.lag;
            return {
              ...e,
              recordedAt: iso(recordedDay),
              metadata: { ...e.metadata, effectiveAt: iso(effective) },
            };
          });
          const given = shape === 'reversed' ? [...timed].reverse() : timed;
          const reference = stateAsOf<AdvocateState>(given, iso(at));
          const fast = folded(given, iso(at), size);
          const effectiveInOrder = given
            .filter((e) => Date.parse(e.metadata.effectiveAt) <= Date.parse(iso(at)))
            .every((e, i, list) => i === 0 || e.metadata.effectiveAt >= list[i - 1]!.metadata.effectiveAt);
          if (shape === 'reversed' || !effectiveInOrder) {
            expect(fast).toBeUndefined();
            replayRuns += 1;
            return;
          }
          foldedRuns += 1;
          expect(fast!.recorded).toEqual(reference.recorded);
          expect(fast!.effective).toEqual(reference.effective);
          expect(fast!.aggregate).toBe(reference.aggregate);
          expect([fast!.recordedEvents, fast!.effectiveEvents]).toEqual([
            reference.recordedEvents,
            reference.effectiveEvents,
          ]);
        },
      ),
      { numRuns: 300 },
    );
    // Both ways were taken, the fold itself in most runs.
    expect(foldedRuns).toBeGreaterThan(100);
    expect(replayRuns).toBeGreaterThan(20);
  });

  it('has no state for a stream without events', () => {
    const fold = new StateAsOfFold(iso(1));
    expect(fold.add([])).toBe(true);
    expect(fold.result()).toBeUndefined();
  });
});

import fc from 'fast-check';
import { addDays, isDomainError, type ActivityKind } from '@vouch/domain';
import type { RecordedEvent } from '@vouch/event-store';
import { TenantReadModels } from '../src';
import { admin, cmd, otherRep, rep, StoryWorld } from './support/story-world';
import { restoredFrom, savedTextOf } from './support/saved-models';

const ADVOCATES = ['ada', 'ben', 'cy', 'dee'];
const KINDS: ActivityKind[] = ['REFERENCE_CALL', 'CASE_STUDY', 'QUOTE'];

// One step of a program; steps the domain refuses are simply skipped, as a user would retry.
const step = fc.oneof(
  fc.record({ op: fc.constant('enrol' as const), who: fc.constantFrom(...ADVOCATES) }),
  fc.record({
    op: fc.constant('consent' as const),
    who: fc.constantFrom(...ADVOCATES),
    kind: fc.constantFrom(...KINDS),
  }),
  fc.record({ op: fc.constant('withdraw' as const), who: fc.constantFrom(...ADVOCATES) }),
  fc.record({
    op: fc.constant('rest' as const),
    who: fc.constantFrom(...ADVOCATES),
    days: fc.integer({ min: 1, max: 30 }),
  }),
  fc.record({ op: fc.constant('retire' as const), who: fc.constantFrom(...ADVOCATES) }),
  fc.record({ op: fc.constant('erase' as const), who: fc.constantFrom(...ADVOCATES) }),
  fc.record({ op: fc.constant('request' as const), mine: fc.boolean() }),
  fc.record({ op: fc.constant('ask' as const), who: fc.constantFrom(...ADVOCATES), win: fc.boolean() }),
  fc.record({ op: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 20 }) }),
);
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

function historyOf(steps: readonly Step[]): RecordedEvent[] {
  const world = new StoryWorld();
  world.setPolicies();
  world.registerAccount('acme', 'Acme GmbH', 'Manufacturing', 'EMEA', ['Planner']);
  let requests = 0;
  const consents = new Map<string, number>();
  // Half the cast starts enrolled and consented, so random steps reach the later lifecycle.
  for (const who of ADVOCATES.slice(0, 2)) {
    world.nominateAndEnrol(who, 'acme', {
      name: `Name ${who}`,
      title: 'Head of Things',
      seniority: 'VP',
      products: ['Planner'],
      useCases: ['planning'],
      languages: ['de'],
    });
    world.grantConsent(who, `c-${who}-1`, ['REFERENCE_CALL', 'QUOTE']);
    consents.set(who, 1);
  }
  for (const s of steps) {
    try {
      switch (s.op) {
        case 'enrol':
          world.nominateAndEnrol(s.who, 'acme', {
            name: `Name ${s.who}`,
            title: 'Head of Things',
            seniority: 'VP',
            products: ['Planner'],
            useCases: ['planning'],
            languages: ['de'],
          });
          break;
        case 'consent': {
          const n = (consents.get(s.who) ?? 0) + 1;
          consents.set(s.who, n);
          world.grantConsent(s.who, `c-${s.who}-${n}`, [s.kind, 'REFERENCE_CALL']);
          break;
        }
        case 'withdraw':
          world.advocate(s.who, cmd('WithdrawConsent', { consentId: `c-${s.who}-1`, reason: 'No more.' }));
          break;
        case 'rest':
          world.advocate(s.who, cmd('RestAdvocate', { until: addDays(world.now, s.days), reason: 'Busy' }));
          break;
        case 'retire':
          world.advocate(s.who, cmd('RetireAdvocate', { reason: 'Left' }));
          break;
        case 'erase':
          world.advocate(s.who, cmd('RequestErasure', { reason: 'Art. 17' }), admin);
          break;
        case 'request':
          world.submitRequest(`r-${++requests}`, s.mine ? rep : otherRep);
          break;
        case 'ask': {
          const id = `r-${++requests}`;
          world.submitRequest(id, rep);
          world.askAndAccept(id, s.who, `e-${id}-${s.who}`);
          if (s.win) world.completeAndWin(id, s.who, `e-${id}-${s.who}`, 1000);
          break;
        }
        case 'advance':
          world.advance(s.days);
          break;
      }
    } catch (error) {
      if (!isDomainError(error)) throw error;
    }
  }
  return world.log;
}

const fold = (events: readonly RecordedEvent[], into = new TenantReadModels()) => {
  for (const e of events) into.apply(e);
  return into;
};
const json = savedTextOf;

// What a caller sees: the answers of the queries, not only the stored facts.
function answers(models: TenantReadModels, at: string): unknown {
  const titles = { includeTitles: true };
  return {
    search: models.searchAdvocates({ languages: ['de'] }, titles, { first: 100 }),
    available: models.searchAdvocates({ availableFor: { kind: 'REFERENCE_CALL', at } }, titles),
    text: models.searchAdvocates({ text: 'acme things' }, titles),
    requests: models.listRequests({}, at, { first: 100 }),
    metrics: models.metrics(at),
    ada: models.advocate(rep, 'ada', at),
    audit: models.auditHistory('advocate', 'ada'),
  };
}

describe('read models built incrementally equal read models built by a full replay', () => {
  it('snapshot → restore → continue equals applying straight through, in facts and in answers', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (steps, cut) => {
          const events = historyOf(steps);
          const straight = fold(events);
          const k = Math.floor(cut * events.length);
          const before = fold(events.slice(0, k));
          const restored = restoredFrom(savedTextOf(before));
          fold(events.slice(k), restored);
          expect(json(restored)).toBe(json(straight));
          const at = events[events.length - 1]?.metadata.effectiveAt ?? '2026-11-23T09:00:00.000Z';
          expect(answers(restored, at)).toEqual(answers(straight, at));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the end of a catch-up (indexing, lists made exact-size) changes no fact or answer, and the fold goes on after it', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (steps, cut) => {
          const events = historyOf(steps);
          const straight = fold(events);
          const k = Math.floor(cut * events.length);
          const caughtUp = fold(events.slice(0, k));
          caughtUp.caughtUp();
          fold(events.slice(k), caughtUp);
          caughtUp.caughtUp();
          expect(json(caughtUp)).toBe(json(straight));
          const at = events[events.length - 1]?.metadata.effectiveAt ?? '2026-11-23T09:00:00.000Z';
          expect(answers(caughtUp, at)).toEqual(answers(straight, at));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('redelivered events and queries between events change nothing', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const events = historyOf(steps);
        const incremental = new TenantReadModels();
        for (const e of events) {
          incremental.apply(e);
          incremental.apply(e); // at-least-once delivery
          answers(incremental, e.metadata.effectiveAt);
        }
        fold(events.slice(0, 3), incremental); // a replay from an older checkpoint
        expect(json(incremental)).toBe(json(fold(events)));
      }),
      { numRuns: 40 },
    );
  });
});

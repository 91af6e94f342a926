import fc from 'fast-check';
import { accountDecider, isDomainError, type ActivityKind } from '@vouch/domain';
import type { RecordedEvent } from '@vouch/event-store';
import { INDEXED_FIELDS, TenantReadModels, type AdvocateSearchIndex } from '../src';
import { admin, cmd, pm, StoryWorld } from './support/story-world';

// The search index of a catch-up is built once, from the final advocate states, when the
// catch-up ends (`caughtUp`); these tests compare every index's answers with those of the
// reference path: the index brought up to date after every single event.

const ADVOCATES = ['ada', 'ben', 'cy', 'dee', 'eve'];
const ACCOUNTS = ['acme', 'globex'];
const KINDS: ActivityKind[] = ['REFERENCE_CALL', 'CASE_STUDY', 'QUOTE'];
const WORDS = ['Planner', 'Forecast', 'Inventory', 'Pricing'];

const step = fc.oneof(
  fc.record({
    op: fc.constant('enrol' as const),
    who: fc.constantFrom(...ADVOCATES),
    account: fc.constantFrom(...ACCOUNTS),
  }),
  fc.record({
    op: fc.constant('consent' as const),
    who: fc.constantFrom(...ADVOCATES),
    kind: fc.constantFrom(...KINDS),
  }),
  fc.record({ op: fc.constant('withdraw' as const), who: fc.constantFrom(...ADVOCATES) }),
  fc.record({ op: fc.constant('rest' as const), who: fc.constantFrom(...ADVOCATES) }),
  fc.record({ op: fc.constant('reactivate' as const), who: fc.constantFrom(...ADVOCATES) }),
  fc.record({ op: fc.constant('retire' as const), who: fc.constantFrom(...ADVOCATES) }),
  fc.record({ op: fc.constant('dnc' as const), who: fc.constantFrom(...ADVOCATES) }),
  fc.record({ op: fc.constant('erase' as const), who: fc.constantFrom(...ADVOCATES) }),
  fc.record({
    op: fc.constant('attributes' as const),
    who: fc.constantFrom(...ADVOCATES),
    product: fc.constantFrom(...WORDS),
    language: fc.constantFrom('de', 'en', 'fr'),
  }),
  fc.record({
    op: fc.constant('contact' as const),
    who: fc.constantFrom(...ADVOCATES),
    title: fc.constantFrom(...WORDS),
  }),
  fc.record({
    op: fc.constant('account' as const),
    account: fc.constantFrom(...ACCOUNTS),
    industry: fc.constantFrom('Manufacturing', 'Retail', 'Energy'),
    region: fc.constantFrom('EMEA', 'APAC'),
    product: fc.constantFrom(...WORDS),
  }),
  fc.record({ op: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 20 }) }),
);
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

/** A history of the steps the domain accepts (refused steps are skipped). */
function historyOf(steps: readonly Step[]): RecordedEvent[] {
  const world = new StoryWorld();
  world.setPolicies();
  world.registerAccount('acme', 'Acme GmbH', 'Manufacturing', 'EMEA', ['Planner']);
  world.registerAccount('globex', 'Globex Corp', 'Retail', 'APAC', ['Forecast']);
  const consents = new Map<string, number>();
  for (const s of steps) {
    try {
      switch (s.op) {
        case 'enrol':
          world.nominateAndEnrol(s.who, s.account, {
            name: `Name ${s.who}`,
            title: 'Head of Things',
            seniority: 'VP',
            products: ['Planner'],
            useCases: ['planning'],
            languages: ['de'],
            topics: ['supply chain'],
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
          world.advocate(s.who, cmd('RestAdvocate', { until: '2027-12-31T00:00:00.000Z', reason: 'Busy' }));
          break;
        case 'reactivate':
          world.advocate(s.who, cmd('ReactivateAdvocate', {}));
          break;
        case 'retire':
          world.advocate(s.who, cmd('RetireAdvocate', { reason: 'Left' }));
          break;
        case 'dnc':
          world.advocate(s.who, cmd('MarkDoNotContact', { reason: 'Asked us not to.' }));
          break;
        case 'erase':
          world.advocate(s.who, cmd('RequestErasure', { reason: 'Art. 17' }), admin);
          break;
        case 'attributes':
          world.advocate(
            s.who,
            cmd('UpdateAdvocateAttributes', {
              seniority: 'DIRECTOR',
              products: [s.product],
              useCases: ['pricing'],
              languages: [s.language],
              topics: [`${s.product} rollout`],
            }),
          );
          break;
        case 'contact':
          world.advocate(
            s.who,
            cmd('UpdateAdvocateContact', {
              name: `Name ${s.who}`,
              email: `${s.who}@example.com`,
              title: `${s.title} Lead`,
            }),
          );
          break;
        case 'account':
          world.run(
            accountDecider,
            `account-${s.account}`,
            cmd('UpdateAccountProfile', {
              name: `${s.account} ${s.product}`,
              industry: s.industry,
              segment: 'ENTERPRISE',
              region: s.region,
              products: [s.product],
            }) as never,
            pm,
          );
          break;
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

/** Every posting of every field (empty ones left out), each in ascending id order, by key. */
function postingsOf(index: AdvocateSearchIndex): [string, string[]][] {
  const all: [string, string[]][] = [];
  for (const field of INDEXED_FIELDS) {
    for (const value of index.values(field)) {
      const posting = index.posting(field, value);
      if (posting.size > 0) all.push([`${field}:${value}`, [...posting].sort()]);
    }
  }
  return all.sort(([a], [b]) => (a < b ? -1 : 1));
}

// What callers of the index see: postings, the sorted orders, searches and matches.
function answers(models: TenantReadModels, at: string): unknown {
  const index = models.searchIndex;
  const postings = postingsOf(index);
  const titles = { includeTitles: true };
  return {
    postings,
    size: index.size,
    allSorted: [...index.allSorted()],
    sortedPostings: postings.map(([key]) => {
      const [field, value] = key.split(':') as [(typeof INDEXED_FIELDS)[number], string];
      return index.sortedPosting(index.posting(field, value));
    }),
    search: models.searchAdvocates({ languages: ['de'] }, titles, { first: 100 }),
    products: models.searchAdvocates({ products: ['Planner'], regions: ['EMEA'] }, titles),
    available: models.searchAdvocates({ availableFor: { kind: 'REFERENCE_CALL', at } }, titles),
    text: models.searchAdvocates({ text: 'planner lead' }, titles),
    match: models.matchCriteria(
      {
        kind: 'REFERENCE_CALL',
        opportunity: { industry: 'Manufacturing', region: 'EMEA', products: ['Planner'] },
        criteria: {
          industries: [],
          regions: ['EMEA'],
          products: ['Planner'],
          useCases: [],
          languages: [],
          territory: 'EMEA',
          channel: 'PRIVATE',
        },
      },
      at,
      10,
    ),
  };
}

/** The reference path: the index brought up to date after every event, as it was before deferral. */
function foldIndexingEveryEvent(events: readonly RecordedEvent[]): TenantReadModels {
  const models = new TenantReadModels();
  for (const e of events) {
    models.apply(e);
    void models.searchIndex; // reading the index indexes what changed, now
  }
  return models;
}

describe('the search index of a catch-up, built once at its end', () => {
  it('answers every posting, sorted order, search and match as the index kept up to date event by event', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 50 }), (steps) => {
        const events = historyOf(steps);
        const at = events[events.length - 1]?.metadata.effectiveAt ?? '2026-11-23T09:00:00.000Z';
        const reference = foldIndexingEveryEvent(events);
        const caughtUp = new TenantReadModels();
        for (const e of events) caughtUp.apply(e);
        caughtUp.caughtUp();
        expect(answers(caughtUp, at)).toEqual(answers(reference, at));
      }),
      { numRuns: 80 },
    );
  });

  it('answers a read in the middle of a catch-up with every event folded so far', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (steps, cut) => {
          const events = historyOf(steps);
          const k = Math.floor(cut * events.length);
          const at = events[events.length - 1]?.metadata.effectiveAt ?? '2026-11-23T09:00:00.000Z';
          const models = new TenantReadModels();
          for (const e of events.slice(0, k)) models.apply(e);
          // No caughtUp: a read before the end of the catch-up still sees the first k events.
          expect(answers(models, at)).toEqual(answers(foldIndexingEveryEvent(events.slice(0, k)), at));
          for (const e of events.slice(k)) models.apply(e);
          models.caughtUp();
          expect(answers(models, at)).toEqual(answers(foldIndexingEveryEvent(events), at));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('drops an erased advocate from the index with the erasure itself, before any read', () => {
    const world = new StoryWorld();
    world.setPolicies();
    world.registerAccount('acme', 'Acme GmbH', 'Manufacturing', 'EMEA', ['Planner']);
    world.nominateAndEnrol('ada', 'acme', {
      name: 'Ada',
      title: 'Chief Forecaster',
      seniority: 'VP',
      products: ['Planner'],
      useCases: ['planning'],
      languages: ['de'],
    });
    const models = new TenantReadModels();
    for (const e of world.log) models.apply(e);
    const index = models.searchIndex;
    expect([...index.posting('titleWord', 'forecaster')]).toEqual(['ada']);
    const erasureAt = world.log.length;
    world.advocate('ada', cmd('RequestErasure', { reason: 'Art. 17' }), admin);
    for (const e of world.log.slice(erasureAt)) models.apply(e);
    // Read through the index object kept from before, which no getter brings up to date.
    expect(index.posting('titleWord', 'forecaster').size).toBe(0);
    expect(models.searchAdvocates({ text: 'forecaster' }, { includeTitles: true }).edges).toEqual([]);
  });
});

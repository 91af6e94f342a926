import fc from 'fast-check';
import { accountDecider, addDays, isDomainError, type AdvocateStatus, type Seniority } from '@vouch/domain';
import {
  TenantReadModels,
  connectionFrom,
  encodeCursor,
  everyMatchingAdvocate,
  nearestInOrder,
  type AdvocateSearchQuery,
  type PageRequest,
} from '../src';
import { cmd, pm, StoryWorld } from './support/story-world';

// Ids chosen so the id order differs from the order of enrolment.
const WHO = ['mia', 'ada', 'zoe', 'ben', 'kai', 'eve', 'lou', 'cy'];
// Enrolled while searches run: they enter the kept orders by insertion.
const LATE = ['nia', 'abe', 'zed'];
const ACCOUNTS = ['acme', 'globex', 'initech'];
const INDUSTRIES = ['Manufacturing', 'Retail', 'Energy'];
const PRODUCTS = ['Planner', 'Forecast', 'Ledger'];
const LANGUAGES = ['en', 'de', 'fr'];

const step = fc.oneof(
  fc.record({
    op: fc.constant('attributes' as const),
    who: fc.constantFrom(...WHO),
    vp: fc.boolean(),
    products: fc.subarray(PRODUCTS, { minLength: 1 }),
    languages: fc.subarray(LANGUAGES, { minLength: 1 }),
  }),
  fc.record({
    op: fc.constant('rest' as const),
    who: fc.constantFrom(...WHO),
    days: fc.integer({ min: 1, max: 20 }),
  }),
  fc.record({ op: fc.constant('retire' as const), who: fc.constantFrom(...WHO) }),
  fc.record({ op: fc.constant('withdraw' as const), who: fc.constantFrom(...WHO) }),
  fc.record({
    op: fc.constant('account' as const),
    account: fc.constantFrom(...ACCOUNTS),
    industry: fc.constantFrom(...INDUSTRIES),
  }),
  fc.record({ op: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 30 }) }),
  fc.record({
    op: fc.constant('enrol' as const),
    who: fc.constantFrom(...LATE),
    account: fc.constantFrom(...ACCOUNTS),
    product: fc.constantFrom(...PRODUCTS),
  }),
);

const query: fc.Arbitrary<AdvocateSearchQuery> = fc.record(
  {
    industries: fc.subarray(INDUSTRIES, { minLength: 1 }),
    products: fc.subarray(PRODUCTS, { minLength: 1 }),
    languages: fc.subarray(LANGUAGES, { minLength: 1 }),
    minSeniority: fc.constantFrom<Seniority>('DIRECTOR', 'VP'),
    statuses: fc.subarray<AdvocateStatus>(['CANDIDATE', 'ACTIVE', 'RESTING', 'RETIRED'], { minLength: 1 }),
    text: fc.constantFrom('rollout', 'head', 'acme'),
    availableFor: fc.constant({ kind: 'REFERENCE_CALL' as const, at: '' }),
  },
  { requiredKeys: [] },
);

// A cursor anywhere: an advocate's id (matching or not), a gap between ids, or past either end.
const cursor = fc.constantFrom(...WHO, ...LATE, 'a', 'bz', 'm', 'zz', '').map(encodeCursor);
const page: fc.Arbitrary<PageRequest> = fc.oneof(
  fc.record(
    { first: fc.integer({ min: 1, max: 4 }), after: cursor, before: cursor },
    { requiredKeys: ['first'] },
  ),
  fc.record(
    { last: fc.integer({ min: 1, max: 4 }), after: cursor, before: cursor },
    { requiredKeys: ['last'] },
  ),
);

function world(): StoryWorld {
  const w = new StoryWorld();
  w.setPolicies();
  ACCOUNTS.forEach((id, i) => w.registerAccount(id, `${id} Inc`, INDUSTRIES[i]!, 'EMEA', [PRODUCTS[i]!]));
  WHO.forEach((who, i) => {
    w.nominateAndEnrol(who, ACCOUNTS[i % ACCOUNTS.length]!, {
      name: `Name ${who}`,
      title: 'Head of Things',
      seniority: i % 2 ? 'VP' : 'DIRECTOR',
      products: [PRODUCTS[i % PRODUCTS.length]!],
      useCases: ['planning'],
      languages: [LANGUAGES[i % LANGUAGES.length]!],
      topics: ['rollout'],
    });
    if (i % 3 !== 2) w.grantConsent(who, `c-${who}`, ['REFERENCE_CALL']);
  });
  return w;
}

function play(w: StoryWorld, s: Step): void {
  try {
    switch (s.op) {
      case 'attributes':
        w.advocate(
          s.who,
          cmd('UpdateAdvocateAttributes', {
            seniority: s.vp ? 'VP' : 'DIRECTOR',
            products: s.products,
            useCases: ['planning'],
            languages: s.languages,
            topics: ['rollout'],
          }),
        );
        break;
      case 'rest':
        w.advocate(s.who, cmd('RestAdvocate', { until: addDays(w.now, s.days), reason: 'Busy' }));
        break;
      case 'retire':
        w.advocate(s.who, cmd('RetireAdvocate', { reason: 'Left the company' }));
        break;
      case 'withdraw':
        w.advocate(s.who, cmd('WithdrawConsent', { consentId: `c-${s.who}`, reason: 'Asked to' }));
        break;
      case 'account':
        w.run(
          accountDecider,
          `account-${s.account}`,
          cmd('UpdateAccountProfile', {
            name: `${s.account} Inc`,
            industry: s.industry,
            segment: 'ENTERPRISE',
            region: 'EMEA',
            products: ['Planner'],
          }) as never,
          pm,
        );
        break;
      case 'advance':
        w.advance(s.days);
        break;
      case 'enrol':
        w.nominateAndEnrol(s.who, s.account, {
          name: `Name ${s.who}`,
          title: 'Head of Things',
          seniority: 'VP',
          products: [s.product],
          useCases: ['planning'],
          languages: ['en'],
          topics: ['rollout'],
        });
        w.grantConsent(s.who, `c-${s.who}`, ['REFERENCE_CALL']);
        break;
    }
  } catch (error) {
    if (!isDomainError(error)) throw error;
  }
}
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

describe('searchAdvocates pages from the kept order', () => {
  it('equals ranking every match, for any program, filter, page size and cursor', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(step, fc.array(fc.tuple(query, page, fc.boolean()), { maxLength: 3 })), {
          minLength: 1,
          maxLength: 12,
        }),
        (program) => {
          const w = world();
          const models = new TenantReadModels();
          let applied = 0;
          for (const [s, searches] of program) {
            play(w, s);
            for (; applied < w.log.length; applied++) models.apply(w.log[applied]!);
            for (const [q, p, includeTitles] of searches) {
              const asked = q.availableFor ? { ...q, availableFor: { ...q.availableFor, at: w.now } } : q;
              const options = { includeTitles };
              const all = everyMatchingAdvocate(models.directory, models.searchIndex, asked, options);
              const expected = connectionFrom(
                p,
                (order, range, limit) => nearestInOrder(all, (id) => id, order, range, limit),
                (id) => id,
              );
              expect(models.searchAdvocates(asked, options, p)).toEqual(expected);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps every posting it walked in order while advocates move in and out of it', () => {
    const w = world();
    const models = new TenantReadModels();
    for (const e of w.log) models.apply(e);
    const query = { industries: ['Manufacturing'] };
    const ids = () =>
      models.searchAdvocates(query, { includeTitles: false }, { first: 100 }).edges.map((e) => e.node);
    expect(ids()).toEqual(['ben', 'lou', 'mia']);
    // The account moves to another industry, then back: its advocates leave the walked order and return.
    play(w, { op: 'account', account: 'acme', industry: 'Retail' });
    for (const e of w.log.slice(-1)) models.apply(e);
    expect(ids()).toEqual([]);
    play(w, { op: 'account', account: 'acme', industry: 'Manufacturing' });
    for (const e of w.log.slice(-1)) models.apply(e);
    expect(ids()).toEqual(['ben', 'lou', 'mia']);
    const posting = models.searchIndex.posting('industry', 'manufacturing');
    expect(models.searchIndex.sortedPosting(posting)).toEqual([...posting].sort());
  });
});

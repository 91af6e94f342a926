import fc from 'fast-check';
import { accountDecider, addDays, isDomainError, type ActivityKind, type Seniority } from '@vouch/domain';
import { TenantReadModels } from '../../src';
import { cmd, rep, StoryWorld } from './story-world';

// Random programs and match requests for the matching properties: advocates of a few accounts
// with profiles, consents, completed engagements with both sides' feedback, pending asks, rest
// and retirement, decided by the domain's own deciders.

// Small vocabularies (with case and space variants) so random programs share values and tie.
const INDUSTRIES = ['Retail', 'retail ', 'Finance', 'Energy'];
const REGIONS = ['EMEA', 'NA', 'emea'];
const PRODUCTS = ['Planner', 'Ledger', 'Studio'];
const USE_CASES = ['planning', 'forecasting'];
const LANGUAGES = ['en', 'de', 'FR'];
const SENIORITY: Seniority[] = ['C_LEVEL', 'VP', 'DIRECTOR', 'MANAGER'];
const KINDS: ActivityKind[] = ['REFERENCE_CALL', 'CASE_STUDY', 'QUOTE'];

const some = <T>(values: readonly T[]) => fc.subarray([...values]);
const advocateArb = fc.record({
  account: fc.nat(3),
  seniority: fc.constantFrom(...SENIORITY),
  products: some(PRODUCTS),
  useCases: some(USE_CASES),
  languages: some(LANGUAGES),
  consentKinds: some(KINDS),
  status: fc.constantFrom('ACTIVE', 'ACTIVE', 'ACTIVE', 'RESTING', 'RETIRED', 'CANDIDATE'),
  // Both sides' feedback on each completed activity (issue 16), and a pending ask (busy).
  ratings: fc.array(
    fc.record(
      {
        rating: fc.integer({ min: 1, max: 5 }),
        topicFit: fc.integer({ min: 1, max: 5 }),
        advocate: fc.record(
          { rating: fc.integer({ min: 1, max: 5 }), topicFit: fc.integer({ min: 1, max: 5 }) },
          { requiredKeys: ['rating'] },
        ),
      },
      { requiredKeys: ['rating'] },
    ),
    { maxLength: 2 },
  ),
  pendingAsk: fc.boolean(),
});
export const programArb = fc.record({
  accounts: fc.array(
    fc.record({
      industry: fc.constantFrom(...INDUSTRIES),
      region: fc.constantFrom(...REGIONS),
      products: some(PRODUCTS),
      escalated: fc.boolean(),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  advocates: fc.array(advocateArb, { maxLength: 24 }),
});
// An advocate who can mostly be asked: consent to every kind, live.
const askableAdvocateArb = advocateArb.map((a) => ({
  ...a,
  consentKinds: KINDS,
  status: a.status === 'RETIRED' || a.status === 'CANDIDATE' ? 'ACTIVE' : a.status,
}));
const askableAccountsArb = fc.array(
  fc.record({
    industry: fc.constantFrom(...INDUSTRIES),
    region: fc.constantFrom(...REGIONS),
    products: some(PRODUCTS),
    escalated: fc.constantFrom(false, false, false, true),
  }),
  { minLength: 1, maxLength: 4 },
);

/**
 * Programs whose advocates can mostly be asked (accounts seldom escalated): pages longer than
 * one advocate, with headroom used by completed engagements (a score below the optimistic one).
 */
export const askableProgramArb = fc.record({
  accounts: askableAccountsArb,
  advocates: fc.array(askableAdvocateArb, { maxLength: 24 }),
});

/**
 * Askable programs of look-alikes: every advocate copies one of up to three profiles and
 * differs only in its engagements, feedback and pending ask, so totals tie often, also
 * between an advocate with headroom used and one without.
 */
export const lookalikeProgramArb = fc
  .record({
    accounts: askableAccountsArb,
    profiles: fc.array(askableAdvocateArb, { minLength: 1, maxLength: 3 }),
    advocates: fc.array(fc.tuple(fc.nat(2), askableAdvocateArb), { minLength: 2, maxLength: 16 }),
  })
  .map(({ accounts, profiles, advocates }) => ({
    accounts,
    advocates: advocates.map(([n, own]) => ({
      ...profiles[n % profiles.length]!,
      ratings: own.ratings,
      pendingAsk: own.pendingAsk,
    })),
  }));

export const targetArb = fc.record({
  kind: fc.constantFrom(...KINDS),
  opportunity: fc.record({
    industry: fc.constantFrom(...INDUSTRIES),
    region: fc.constantFrom(...REGIONS),
    products: some(PRODUCTS),
  }),
  criteria: fc.record(
    {
      industries: some(INDUSTRIES),
      regions: some(REGIONS),
      products: fc.array(fc.constantFrom(...PRODUCTS), { maxLength: 3 }),
      useCases: some(USE_CASES),
      languages: some(LANGUAGES),
      minSeniority: fc.constantFrom(...SENIORITY),
      territory: fc.constantFrom('EMEA', 'NA'),
      channel: fc.constantFrom('PRIVATE' as const, 'WEB' as const),
    },
    { requiredKeys: ['industries', 'regions', 'products', 'useCases', 'languages', 'territory', 'channel'] },
  ),
  exclude: fc.array(
    fc.nat(30).map((i) => `adv-${i}`),
    { maxLength: 3 },
  ),
  limit: fc.integer({ min: 1, max: 6 }),
  days: fc.integer({ min: 0, max: 500 }),
  later: fc.integer({ min: 0, max: 300 }),
  scoring: fc.constantFrom(undefined, 'RATINGS_ONLY' as const),
});
export type Program = typeof programArb extends fc.Arbitrary<infer P> ? P : never;

// A program decided by the domain's own deciders; steps the domain refuses are skipped.
/** The read models of a random program, folded from the events its steps recorded, and its clock. */
export function modelsOf(program: Program): { models: TenantReadModels; now: string } {
  const world = new StoryWorld();
  world.setPolicies();
  program.accounts.forEach((a, i) =>
    world.registerAccount(`acct-${i}`, `Account ${i}`, a.industry, a.region, a.products),
  );
  program.advocates.forEach((a, i) => {
    const id = `adv-${i}`;
    const tolerate = (step: () => void) => {
      try {
        step();
      } catch (error) {
        if (!isDomainError(error)) throw error;
      }
    };
    tolerate(() =>
      world.nominateAndEnrol(id, `acct-${a.account % program.accounts.length}`, {
        name: `Advocate ${i}`,
        title: 'Head of Operations',
        seniority: a.seniority,
        products: a.products,
        useCases: a.useCases,
        languages: a.languages,
      }),
    );
    if (a.consentKinds.length > 0) tolerate(() => world.grantConsent(id, `consent-${i}`, a.consentKinds));
    a.ratings.forEach((rating, n) =>
      tolerate(() => {
        const requestId = `req-${i}-${n}`;
        const engagementId = `eng-${i}-${n}`;
        world.submitRequest(requestId, rep);
        world.askAndAccept(requestId, id, engagementId, 1);
        world.advocate(id, cmd('ScheduleEngagement', { engagementId, at: addDays(world.now, 1) }));
        world.advance(2);
        world.advocate(id, cmd('CompleteEngagement', { engagementId, completedAt: addDays(world.now, -1) }));
        const { advocate, ...requester } = rating;
        world.advocate(id, cmd('RecordEngagementFeedback', { engagementId, ...requester }), rep);
        if (advocate) world.advocate(id, cmd('RecordAdvocateFeedback', { engagementId, ...advocate }));
      }),
    );
    if (a.pendingAsk)
      tolerate(() => {
        world.submitRequest(`req-${i}-open`, rep);
        world.askAndAccept(`req-${i}-open`, id, `eng-${i}-open`, 3);
      });
    if (a.status === 'RESTING')
      tolerate(() =>
        world.advocate(id, cmd('RestAdvocate', { until: addDays(world.now, 30), reason: 'Busy' })),
      );
    if (a.status === 'RETIRED') tolerate(() => world.advocate(id, cmd('RetireAdvocate', { reason: 'Left' })));
  });
  // An open escalation suppresses the account (the rule on only for this step's decision).
  program.accounts.forEach((a, i) => {
    if (!a.escalated) return;
    world.run(
      accountDecider,
      `account-acct-${i}`,
      cmd('OpenAccountEscalation', { escalationId: `esc-${i}`, summary: 'Outage' }) as never,
      rep,
      { policies: { ...world.policies, suppression: { openEscalation: true } } },
    );
  });
  const models = new TenantReadModels();
  for (const event of world.log) models.apply(event);
  return { models, now: world.now };
}

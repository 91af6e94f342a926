import fc from 'fast-check';
import {
  accountDecider,
  activeSuppressions,
  addDays,
  availabilityOf,
  matchScoreTotal,
  rankCandidates,
  type AdvocateState,
} from '@vouch/domain';
import { TenantReadModels, type MatchTarget } from '../src';
import { matchBounds } from '../src/match-bound';
import { matchCandidateOf, matchCandidatesByScan } from './support/match-by-scan';
import { modelsOf, programArb, targetArb } from './support/random-program';
import { cmd, pm, StoryWorld } from './support/story-world';

describe('matching through the index', () => {
  it('ranks exactly as the brute-force scan of every advocate, over random programs', () => {
    // How many runs had something to show, so the property cannot pass on empty programs.
    const seen = { available: 0, unavailable: 0, suppressed: 0, busy: 0 };
    fc.assert(
      fc.property(programArb, targetArb, (program, t) => {
        const { models, now } = modelsOf(program);
        const target: MatchTarget = t;
        const at = addDays(now, t.days);
        const indexed = models.matchCriteria(target, at, t.limit);
        const scanned = matchCandidatesByScan(models.directory, models.searchIndex, target, at, t.limit);
        expect(indexed).toEqual(scanned);
        // Again later, from the order kept for the request: the clock alone must not leave it stale.
        const later = addDays(at, t.later);
        expect(models.matchCriteria(target, later, t.limit)).toEqual(
          matchCandidatesByScan(models.directory, models.searchIndex, target, later, t.limit),
        );
        // And earlier than the order's instant: profiles were fresher then, so it is made again.
        const earlier = addDays(at, -t.later);
        expect(models.matchCriteria(target, earlier, t.limit)).toEqual(
          matchCandidatesByScan(models.directory, models.searchIndex, target, earlier, t.limit),
        );
        if (indexed.available.length > 0) seen.available++;
        if (indexed.unavailable.length > 0) seen.unavailable++;
        if (indexed.unavailable.some((c) => c.reasons.some((r) => r.code === 'SUPPRESSED')))
          seen.suppressed++;
        if ([...indexed.available, ...indexed.unavailable].some((c) => c.busy.length > 0)) seen.busy++;

        // And the available page is the top of every available advocate, by the domain's ranking.
        const scope = { territory: t.criteria.territory, channel: t.criteria.channel };
        const twoSided = t.scoring === undefined;
        const request = {
          opportunity: target.opportunity,
          criteria: target.criteria,
          ...(twoSided ? { kind: t.kind } : {}),
        };
        const availabilityNow = (s: AdvocateState) =>
          availabilityOf(
            s,
            t.kind,
            at,
            models.directory.program.policies,
            scope,
            activeSuppressions(models.directory.accountOf(s) ?? {}),
          );
        const everyAvailable = [...models.directory.advocates.values()].filter(
          (s) =>
            (s.status === 'ACTIVE' || s.status === 'RESTING') &&
            s.attributes &&
            !t.exclude.includes(s.advocateId) &&
            availabilityNow(s).available,
        );
        const shown = indexed.available.map((c) => c.score);
        const candidates = everyAvailable.map((s) =>
          matchCandidateOf(models.directory, s, t.kind, availabilityNow(s).headroom, at, twoSided),
        );
        expect(shown).toEqual(rankCandidates(candidates, request).slice(0, t.limit));
      }),
      { numRuns: 150 },
    );
    // About 15–18 of the 150 random programs have an available advocate (and 8–11 a busy one):
    // the floors are well under that, so the check does not depend on the random draw.
    expect(seen.available).toBeGreaterThan(8);
    expect(seen.unavailable).toBeGreaterThan(15);
    expect(seen.suppressed).toBeGreaterThan(5);
    expect(seen.busy).toBeGreaterThan(3);
  });

  it('keeps the bound admissible with two-sided feedback: never below an advocate’s optimistic score', () => {
    let compared = 0;
    fc.assert(
      fc.property(programArb, targetArb, (program, t) => {
        const { models, now } = modelsOf(program);
        const at = addDays(now, t.days);
        const request = {
          opportunity: t.opportunity,
          criteria: t.criteria,
          ...(t.scoring === undefined ? { kind: t.kind } : {}),
        };
        const bounds = matchBounds(models.directory, models.searchIndex, request);
        const freshness = { policy: models.directory.program.policies.freshness, atMillis: Date.parse(at) };
        for (const state of models.directory.advocates.values()) {
          if (!state.attributes || state.status === 'NONE') continue;
          const optimistic = matchCandidateOf(
            models.directory,
            state,
            t.kind,
            undefined,
            at,
            t.scoring === undefined,
          );
          expect(bounds.bound(state, freshness)).toBeGreaterThanOrEqual(matchScoreTotal(optimistic, request));
          compared++;
        }
      }),
      { numRuns: 100 },
    );
    expect(compared).toBeGreaterThan(150);
  });

  it('looks only at the advocates of the most selective criterion, not at every advocate', () => {
    const world = new StoryWorld();
    world.setPolicies();
    const industries = ['Retail', 'Finance', 'Energy', 'Media', 'Health', 'Public'];
    industries.forEach((industry, a) =>
      world.registerAccount(`acct-${a}`, `Account ${a}`, industry, 'EMEA', []),
    );
    for (let i = 0; i < 240; i++) {
      world.nominateAndEnrol(`adv-${i}`, `acct-${i % industries.length}`, {
        name: `Advocate ${i}`,
        title: 'Head of Operations',
        seniority: 'VP',
        products: ['Planner'],
        useCases: ['planning'],
        languages: ['en'],
      });
      world.grantConsent(`adv-${i}`, `consent-${i}`, ['REFERENCE_CALL']);
    }
    const models = new TenantReadModels();
    for (const event of world.log) models.apply(event);
    models.caughtUp(); // as the runner does after a catch-up: the index is built before any read
    const lookups = jest.spyOn(models.directory, 'advocate');
    const target: MatchTarget = {
      kind: 'REFERENCE_CALL',
      opportunity: { industry: 'Energy', region: 'EMEA', products: ['Planner'] },
      criteria: {
        industries: [],
        regions: [],
        products: [],
        useCases: [],
        languages: [],
        territory: 'EMEA',
        channel: 'PRIVATE',
      },
    };

    const matches = models.matchCriteria(target, world.now, 5);

    expect(matches.available.map((c) => c.advocateId)).toEqual(
      ['adv-104', 'adv-110', 'adv-116', 'adv-122', 'adv-128'], // Energy's advocates, ties by id
    );
    // The 40 Energy advocates are the pool; the other 200 are never looked up.
    expect(lookups.mock.calls.length).toBeLessThanOrEqual(40 + 5);
    expect(matchCandidatesByScan(models.directory, models.searchIndex, target, world.now, 5)).toEqual(
      matches,
    );
  });
});

describe('the kept order of every tier', () => {
  // 240 advocates over six industries; only three speak German (none in Energy), so a request
  // for German speakers in Energy cannot fill its page from the German tier (the most
  // selective) and reads the Energy tier too, whose advocates then rank first (industry
  // weighs more than language).
  function program(): { world: StoryWorld; models: TenantReadModels; target: MatchTarget } {
    const world = new StoryWorld();
    world.setPolicies();
    const industries = ['Retail', 'Finance', 'Energy', 'Media', 'Health', 'Public'];
    industries.forEach((industry, a) =>
      world.registerAccount(`acct-${a}`, `Account ${a}`, industry, 'EMEA', []),
    );
    for (let i = 0; i < 240; i++) {
      world.nominateAndEnrol(`adv-${i}`, `acct-${i % industries.length}`, {
        name: `Advocate ${i}`,
        title: 'Head of Operations',
        seniority: 'VP',
        products: ['Planner'],
        useCases: ['planning'],
        languages: i % 80 === 1 ? ['de'] : ['en'],
      });
      world.grantConsent(`adv-${i}`, `consent-${i}`, ['REFERENCE_CALL']);
    }
    const models = new TenantReadModels();
    for (const event of world.log) models.apply(event);
    const target: MatchTarget = {
      kind: 'REFERENCE_CALL',
      opportunity: { industry: 'Energy', region: 'EMEA', products: ['Planner'] },
      criteria: {
        industries: [],
        regions: [],
        products: [],
        useCases: [],
        languages: ['de'],
        territory: 'EMEA',
        channel: 'PRIVATE',
      },
    };
    return { world, models, target };
  }

  it('answers a repeated match that needs a further tier from the kept order, without reading the tier again', () => {
    const { world, models, target } = program();
    const first = models.matchCriteria(target, world.now, 5);
    expect(first.available.map((c) => c.advocateId)).toEqual([
      'adv-104',
      'adv-110',
      'adv-116',
      'adv-122',
      'adv-128',
    ]);
    expect(first).toEqual(matchCandidatesByScan(models.directory, models.searchIndex, target, world.now, 5));

    const lookups = jest.spyOn(models.directory, 'advocate');
    const later = addDays(world.now, 30);
    const again = models.matchCriteria(target, later, 5);
    // The 40 Energy advocates are not read again: only the few the page takes.
    expect(lookups.mock.calls.length).toBeLessThanOrEqual(5);
    expect(again).toEqual(matchCandidatesByScan(models.directory, models.searchIndex, target, later, 5));
  });

  it('makes every kept tier stale when an event is folded', () => {
    const { world, models, target } = program();
    models.matchCriteria(target, world.now, 5); // keeps the German and the Energy tier
    const folded = world.log.length;
    // Energy's best retires, and one of Energy's advocates learns German: both tiers change.
    world.advocate('adv-104', cmd('RetireAdvocate', { reason: 'Left' }));
    world.advocate(
      'adv-134',
      cmd('UpdateAdvocateAttributes', {
        seniority: 'VP',
        products: ['Planner'],
        useCases: ['planning'],
        languages: ['de'],
      }),
    );
    for (const event of world.log.slice(folded)) models.apply(event);

    const again = models.matchCriteria(target, world.now, 5);

    expect(again.available.map((c) => c.advocateId)).toEqual([
      'adv-134',
      'adv-110',
      'adv-116',
      'adv-122',
      'adv-128',
    ]);
    expect(again).toEqual(matchCandidatesByScan(models.directory, models.searchIndex, target, world.now, 5));
  });

  it('files an advocate anew when its account changes: the bound reads the new profile', () => {
    const { world, models, target } = program();
    models.matchCriteria(target, world.now, 5); // bounds the German speakers, adv-1 of Finance among them
    const folded = world.log.length;
    world.run(
      accountDecider,
      'account-acct-1',
      cmd('UpdateAccountProfile', {
        name: 'Account 1',
        industry: 'Energy',
        segment: 'ENTERPRISE',
        region: 'EMEA',
        products: [],
      }) as never,
      pm,
    );
    for (const event of world.log.slice(folded)) models.apply(event);

    const again = models.matchCriteria(target, world.now, 5);

    // adv-1 now meets both the industry and the language, and ranks first.
    expect(again.available[0]?.advocateId).toBe('adv-1');
    expect(again).toEqual(matchCandidatesByScan(models.directory, models.searchIndex, target, world.now, 5));
  });

  it('never raises a bound with a later clock: the ceilings of a kept order hold at every later instant', () => {
    fc.assert(
      fc.property(programArb, targetArb, fc.integer({ min: 1, max: 400 }), (program, t, later) => {
        const { models, now } = modelsOf(program);
        const at = addDays(now, t.days);
        const request = { opportunity: t.opportunity, criteria: t.criteria, kind: t.kind };
        const bounds = matchBounds(models.directory, models.searchIndex, request);
        const policy = models.directory.program.policies.freshness;
        for (const state of models.directory.advocates.values()) {
          if (!state.attributes || state.status === 'NONE') continue;
          const ceiling = bounds.bound(state, { policy, atMillis: Date.parse(at) });
          expect(
            bounds.bound(state, { policy, atMillis: Date.parse(addDays(at, later)) }),
          ).toBeLessThanOrEqual(ceiling);
        }
      }),
      { numRuns: 60 },
    );
  });
});

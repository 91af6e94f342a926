import fc from 'fast-check';
import { activeSuppressions, addDays, availabilityOf, rankCandidates, type MatchScore } from '@vouch/domain';
import { TenantReadModels, type MatchTarget } from '../src';
import { matchCandidateOf } from './support/match-by-scan';
import { askableProgramArb, lookalikeProgramArb, modelsOf, targetArb } from './support/random-program';
import { cmd, rep, StoryWorld } from './support/story-world';

// A sales rep paging through "best advocates for this ask" expects the first 3 to be the first
// 3 of a page of 10: the page of `limit` k is the first k of every longer page, and both are
// the top of every advocate the gates allow, by the domain's ranking (best total first, ties
// by advocate id).

/** Every advocate the gates allow now, scored with its real headroom and ranked: no bound, no early stop. */
function everyAvailableRanked(models: TenantReadModels, target: MatchTarget, at: string): MatchScore[] {
  const twoSided = target.scoring === undefined;
  const scope = { territory: target.criteria.territory, channel: target.criteria.channel };
  const request = {
    opportunity: target.opportunity,
    criteria: target.criteria,
    ...(twoSided ? { kind: target.kind } : {}),
  };
  const candidates = [];
  for (const state of models.directory.advocates.values()) {
    if (state.status !== 'ACTIVE' && state.status !== 'RESTING') continue;
    if (!state.attributes || (target.exclude ?? []).includes(state.advocateId)) continue;
    const suppressions = activeSuppressions(models.directory.accountOf(state) ?? {});
    const availability = availabilityOf(
      state,
      target.kind,
      at,
      models.directory.program.policies,
      scope,
      suppressions,
    );
    if (availability.available)
      candidates.push(
        matchCandidateOf(models.directory, state, target.kind, availability.headroom, at, twoSided),
      );
  }
  return rankCandidates(candidates, request);
}

describe('a page of matches', () => {
  it('is the first k of a longer page, and both are the top of every available advocate, over random programs', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        fc.oneof({ arbitrary: askableProgramArb, weight: 1 }, { arbitrary: lookalikeProgramArb, weight: 3 }),
        targetArb,
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 8 }),
        // Within the fatigue window (90 days) of the engagements, so some headroom is used.
        fc.integer({ min: 0, max: 60 }),
        (program, t, k, more, days) => {
          const { models, now } = modelsOf(program);
          const target: MatchTarget = t;
          const at = addDays(now, days);
          const reference = everyAvailableRanked(models, target, at);
          // The short page first, then the long one from the order the first kept.
          const short = models.matchCriteria(target, at, k).available.map((c) => c.score);
          const long = models.matchCriteria(target, at, k + more).available.map((c) => c.score);
          expect(short).toEqual(long.slice(0, k));
          expect(long).toEqual(reference.slice(0, k + more));
          if (reference.length > k) compared++;
        },
      ),
      { numRuns: 400 },
    );
    // Random programs with more available advocates than the short page are the ones that test it.
    expect(compared).toBeGreaterThan(10);
  });

  it('keeps the smaller id first when the page’s last scored below its optimistic score and ties an unvisited advocate', () => {
    // Given two C-level advocates of one Retail account: adv-0 without feedback and its whole
    // fatigue headroom (97.5), adv-1 rated 5 once with 3 of 4 engagements left (also 97.5, but
    // 100 before the gates, so it is visited first).
    const { models, now } = modelsOf({
      accounts: [{ industry: 'Retail', region: 'EMEA', products: [], escalated: false }],
      advocates: ['FR', 'de'].map((language, i) => ({
        account: 0,
        seniority: 'C_LEVEL' as const,
        products: [],
        useCases: [],
        languages: [language],
        consentKinds: ['REFERENCE_CALL' as const, 'CASE_STUDY' as const, 'QUOTE' as const],
        status: 'ACTIVE',
        ratings: i === 1 ? [{ rating: 5 }] : [],
        pendingAsk: false,
      })),
    });
    const target: MatchTarget = {
      kind: 'QUOTE',
      opportunity: { industry: 'Retail', region: 'EMEA', products: [] },
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

    // When a page of one and a page of two are asked for, six days on (both can be asked)
    const at = addDays(now, 6);
    const one = models.matchCriteria(target, at, 1).available;
    const two = models.matchCriteria(target, at, 2).available;

    // Then both start with adv-0: the tie goes to the smaller id
    expect(two.map((c) => [c.advocateId, c.score.total])).toEqual([
      ['adv-0', 97.5],
      ['adv-1', 97.5],
    ]);
    expect(one.map((c) => c.advocateId)).toEqual(['adv-0']);
  });

  it('brings in the next tier when its outside bound ties the page’s last: an advocate there may have a smaller id', () => {
    // Given adv-0 of a Retail account, rated 5 on an engagement 100 days ago (whole headroom),
    // speaking no German: 90, the best anybody without German can score. And adv-1 of the same
    // account, the only German speaker (the language drives the first tier), below the wanted
    // seniority, no feedback yet and an ask pending: 92.5 before the gates, 90 with them.
    const world = new StoryWorld();
    world.setPolicies();
    world.registerAccount('acct-0', 'Account 0', 'Retail', 'EMEA', []);
    const enrol = (id: string, seniority: 'C_LEVEL' | 'MANAGER', language: string) => {
      world.nominateAndEnrol(id, 'acct-0', {
        name: `Advocate ${id}`,
        title: 'Head of Operations',
        seniority,
        products: [],
        useCases: ['planning'],
        languages: [language],
      });
      world.grantConsent(id, `consent-${id}`, ['REFERENCE_CALL', 'CASE_STUDY', 'QUOTE']);
    };
    enrol('adv-0', 'C_LEVEL', 'en');
    world.submitRequest('req-0', rep);
    world.askAndAccept('req-0', 'adv-0', 'eng-0', 1);
    world.advocate('adv-0', cmd('ScheduleEngagement', { engagementId: 'eng-0', at: addDays(world.now, 1) }));
    world.advance(2);
    world.advocate(
      'adv-0',
      cmd('CompleteEngagement', { engagementId: 'eng-0', completedAt: addDays(world.now, -1) }),
    );
    world.advocate('adv-0', cmd('RecordEngagementFeedback', { engagementId: 'eng-0', rating: 5 }), rep);
    world.advance(100);
    enrol('adv-1', 'MANAGER', 'de');
    world.submitRequest('req-1', rep);
    world.askAndAccept('req-1', 'adv-1', 'eng-1', 3);
    const models = new TenantReadModels();
    for (const event of world.log) models.apply(event);
    const target: MatchTarget = {
      kind: 'QUOTE',
      opportunity: { industry: 'Retail', region: 'EMEA', products: [] },
      criteria: {
        industries: [],
        regions: [],
        products: [],
        useCases: [],
        languages: ['de'],
        minSeniority: 'VP',
        territory: 'EMEA',
        channel: 'PRIVATE',
      },
    };

    // When pages of one and of two are asked for once adv-1's pending activity is a week past
    const at = addDays(world.now, 12);
    const one = models.matchCriteria(target, at, 1).available;
    const two = models.matchCriteria(target, at, 2).available;

    // Then the tie at 90 goes to adv-0, from outside the first tier, on both pages
    expect(two.map((c) => [c.advocateId, c.score.total])).toEqual([
      ['adv-0', 90],
      ['adv-1', 90],
    ]);
    expect(one.map((c) => c.advocateId)).toEqual(['adv-0']);
  });
});

import fc from 'fast-check';
import { activeSuppressions, addDays, availabilityOf, rankCandidates, type MatchScore } from '@vouch/domain';
import type { MatchTarget, TenantReadModels } from '../src';
import { matchCandidateOf } from './support/match-by-scan';
import { askableProgramArb, lookalikeProgramArb, modelsOf, targetArb } from './support/random-program';

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
});

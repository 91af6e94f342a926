import fc from 'fast-check';
import {
  MATCH_WEIGHTS,
  SENIORITIES,
  matchScore,
  matchScoreTotal,
  rankCandidates,
  type MatchCandidate,
  type MatchRequest,
} from '../src';

const request: MatchRequest = {
  opportunity: { industry: 'Manufacturing', region: 'EMEA', products: ['Planner', 'Scheduler'] },
  criteria: {
    industries: [],
    regions: [],
    products: [],
    useCases: ['shop-floor planning'],
    languages: ['de'],
    minSeniority: 'DIRECTOR',
  },
};
const perfect: MatchCandidate = {
  advocateId: 'ines',
  attributes: {
    seniority: 'VP',
    products: ['Planner'],
    useCases: ['Shop-floor planning'],
    languages: ['de', 'en'],
    topics: [],
  },
  account: { industry: 'manufacturing', region: 'EMEA', products: ['Scheduler'] },
  freshness: 'FRESH',
  headroom: { remaining: 4, max: 4 },
  ratings: [5, 5],
};
const candidate = (advocateId: string, change: Partial<MatchCandidate> = {}): MatchCandidate => ({
  ...perfect,
  advocateId,
  ...change,
});

describe('the match score', () => {
  it('a candidate matching every criterion scores 100', () => {
    expect(matchScore(perfect, request).total).toBe(100);
  });

  it('weights add up to 100', () => {
    expect(Object.values(MATCH_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('the breakdown sums to the total, and explains each criterion', () => {
    const weaker = candidate('omar', {
      account: { industry: 'Retail', region: 'NA', products: [] },
      freshness: 'DUE',
      headroom: { remaining: 1, max: 4 },
      ratings: [3],
      attributes: { ...perfect.attributes, seniority: 'MANAGER', languages: ['fr'] },
    });
    const score = matchScore(weaker, request);
    const sum = score.breakdown.reduce((s, c) => s + c.weight * c.score, 0);
    expect(score.total).toBeCloseTo(sum, 1);
    expect(score.breakdown.map((c) => c.criterion)).toEqual(Object.keys(MATCH_WEIGHTS));
    expect(score.breakdown.find((c) => c.criterion === 'industry')).toMatchObject({
      score: 0,
      explanation: 'industry Retail not among Manufacturing',
    });
    expect(score.breakdown.find((c) => c.criterion === 'products')).toMatchObject({
      score: 0.5,
      explanation: 'uses 1 of 2 requested products',
    });
    expect(score.breakdown.find((c) => c.criterion === 'seniority')?.explanation).toBe(
      'MANAGER is below DIRECTOR',
    );
    expect(score.breakdown.find((c) => c.criterion === 'pastFeedback')?.score).toBe(0.5);
    // products 10 + use cases 10 + headroom 2.5 + freshness 2.5 + feedback 2.5
    expect(score.total).toBe(27.5);
  });

  it('is deterministic: the same inputs give the same score', () => {
    expect(matchScore(perfect, request)).toEqual(matchScore({ ...perfect }, { ...request }));
  });

  it('without feedback, an advocate scores half on past feedback, neither rewarded nor punished', () => {
    const score = matchScore(candidate('new', { ratings: [] }), request);
    expect(score.breakdown.find((c) => c.criterion === 'pastFeedback')).toMatchObject({
      score: 0.5,
      explanation: 'no feedback yet',
    });
  });

  it('a fatigued advocate loses the headroom share', () => {
    expect(matchScore(candidate('tired', { headroom: { remaining: 0, max: 4 } }), request).total).toBe(90);
  });
});

describe('ranking candidates', () => {
  it('ranks best first', () => {
    const ranked = rankCandidates([candidate('b', { freshness: 'STALE' }), perfect], request);
    expect(ranked.map((r) => r.advocateId)).toEqual(['ines', 'b']);
  });

  it('breaks ties by advocate id so the order never wavers', () => {
    const ids = ['zoe', 'adam', 'mia'];
    const forward = rankCandidates(
      ids.map((id) => candidate(id)),
      request,
    ).map((r) => r.advocateId);
    const backward = rankCandidates(
      [...ids].reverse().map((id) => candidate(id)),
      request,
    ).map((r) => r.advocateId);
    expect(forward).toEqual(['adam', 'mia', 'zoe']);
    expect(backward).toEqual(forward);
  });
});

describe('the match score total without explanations', () => {
  it('is exactly the total of the explained score, for any candidate', () => {
    fc.assert(
      fc.property(
        fc.record({
          industry: fc.constantFrom('Banking', 'Retail', 'Manufacturing'),
          region: fc.constantFrom('EMEA', 'NA', 'APAC'),
          products: fc.subarray(['Ledger', 'Planner', 'Insights']),
          useCases: fc.subarray(['planning', 'forecasting', 'audit']),
          languages: fc.subarray(['de', 'en', 'fr']),
          seniority: fc.constantFrom(...SENIORITIES),
          remaining: fc.integer({ min: 0, max: 4 }),
          ratings: fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 5 }),
          freshness: fc.constantFrom('FRESH' as const, 'DUE' as const, 'STALE' as const),
        }),
        (c) => {
          const candidate: MatchCandidate = {
            advocateId: 'a1',
            attributes: {
              seniority: c.seniority,
              products: c.products,
              useCases: c.useCases,
              languages: c.languages,
              topics: [],
            },
            account: { industry: c.industry, region: c.region, products: [] },
            freshness: c.freshness,
            headroom: { remaining: c.remaining, max: 4 },
            ratings: c.ratings,
          };
          const request: MatchRequest = {
            opportunity: { industry: 'Banking', region: 'EMEA', products: ['Ledger'] },
            criteria: {
              industries: [],
              regions: [],
              products: ['Ledger', 'Planner'],
              useCases: ['planning'],
              languages: ['de'],
              minSeniority: 'DIRECTOR',
            },
          };
          expect(matchScoreTotal(candidate, request)).toBe(matchScore(candidate, request).total);
        },
      ),
    );
  });
});

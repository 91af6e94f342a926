import {
  DEFAULT_PROGRAM_POLICIES,
  fatigueBreaches,
  fatigueHeadroom,
  fatigueRules,
  nextAvailableAt,
  NO_PREFERENCES,
  type CountedEngagement,
  type FatigueRules,
} from '../src';
import { day } from './support/builders';

// Default program: at most 4 engagements per 90 days, 3 of them reference calls, 7 rest days.
const programOnly = fatigueRules(DEFAULT_PROGRAM_POLICIES.fatigue, NO_PREFERENCES);
const call = (n: number): CountedEngagement => ({ kind: 'REFERENCE_CALL', at: day(n) });
const caseStudy = (n: number): CountedEngagement => ({ kind: 'CASE_STUDY', at: day(n) });
const rules = (overrides: Partial<FatigueRules>): FatigueRules => ({ ...programOnly, ...overrides });

describe('fatigue rules', () => {
  it("combine the program's limits with the advocate's own, the stricter rest period holding", () => {
    const combined = fatigueRules(DEFAULT_PROGRAM_POLICIES.fatigue, {
      ...NO_PREFERENCES,
      maxEngagementsPerWindow: 2,
      windowDays: 180,
      minRestDays: 3,
    });
    expect(combined.limits).toEqual([
      { windowDays: 90, max: 4, source: 'PROGRAM' },
      { windowDays: 90, max: 3, kind: 'REFERENCE_CALL', source: 'PROGRAM' },
      { windowDays: 180, max: 2, source: 'ADVOCATE' },
    ]);
    expect(combined.minRestDays).toBe(7);
    expect(
      fatigueRules(DEFAULT_PROGRAM_POLICIES.fatigue, { ...NO_PREFERENCES, minRestDays: 14 }).minRestDays,
    ).toBe(14);
  });

  it("the advocate's limit without its own window uses the program's window", () => {
    const combined = fatigueRules(DEFAULT_PROGRAM_POLICIES.fatigue, {
      ...NO_PREFERENCES,
      maxEngagementsPerWindow: 1,
    });
    expect(combined.limits).toContainEqual({ windowDays: 90, max: 1, source: 'ADVOCATE' });
  });
});

describe('fatigue breaches over a rolling window', () => {
  it('nothing is breached for an advocate never used', () => {
    expect(fatigueBreaches([], programOnly, 'REFERENCE_CALL', day(0))).toEqual([]);
  });

  it('a fifth engagement within any 90 days breaches the window limit', () => {
    const four = [caseStudy(-80), caseStudy(-60), caseStudy(-40), caseStudy(-20)];
    expect(fatigueBreaches(four, programOnly, 'VIDEO', day(5))).toEqual([
      { rule: 'WINDOW_LIMIT', limit: { windowDays: 90, max: 4, source: 'PROGRAM' }, count: 4 },
    ]);
  });

  it('the window rolls: exactly 90 days after the oldest, it no longer counts', () => {
    const four = [caseStudy(-80), caseStudy(-60), caseStudy(-40), caseStudy(-20)];
    expect(fatigueBreaches(four, programOnly, 'VIDEO', day(10))).toEqual([]);
    expect(fatigueBreaches(four, programOnly, 'VIDEO', day(9.99))).toHaveLength(1);
  });

  it('future reservations count: a window can lie after the new engagement as well as before', () => {
    const future = [caseStudy(20), caseStudy(40), caseStudy(60), caseStudy(80)];
    expect(fatigueBreaches(future, programOnly, 'VIDEO', day(0))).toHaveLength(1);
    expect(fatigueBreaches(future, programOnly, 'VIDEO', day(-11))).toEqual([]);
  });

  it('a window holding engagements both before and after the new one counts them all', () => {
    const around = [caseStudy(-40), caseStudy(-20), caseStudy(20), caseStudy(40)];
    expect(fatigueBreaches(around, programOnly, 'VIDEO', day(0))).toEqual([
      expect.objectContaining({ rule: 'WINDOW_LIMIT', count: 4 }),
    ]);
  });

  it('engagements spread wider than the window are not counted together', () => {
    // No 90-day window holding day 0 contains both day -80 and day 80.
    const spread = [caseStudy(-80), caseStudy(-40), caseStudy(40), caseStudy(80)];
    expect(fatigueBreaches(spread, programOnly, 'VIDEO', day(0))).toEqual([]);
  });

  it('a per-kind limit counts only that kind and applies only to that kind', () => {
    const threeCalls = [call(-60), call(-40), call(-20)];
    expect(fatigueBreaches(threeCalls, programOnly, 'REFERENCE_CALL', day(0))).toEqual([
      {
        rule: 'WINDOW_LIMIT',
        limit: { windowDays: 90, max: 3, kind: 'REFERENCE_CALL', source: 'PROGRAM' },
        count: 3,
      },
    ]);
    expect(fatigueBreaches(threeCalls, programOnly, 'CASE_STUDY', day(0))).toEqual([]);
  });

  it('rest days hold on both sides, and exactly the rest period apart is allowed', () => {
    expect(fatigueBreaches([call(-3)], programOnly, 'VIDEO', day(0))).toEqual([
      { rule: 'REST_DAYS', minRestDays: 7, nearest: day(-3) },
    ]);
    expect(fatigueBreaches([call(3)], programOnly, 'VIDEO', day(0))).toEqual([
      { rule: 'REST_DAYS', minRestDays: 7, nearest: day(3) },
    ]);
    expect(fatigueBreaches([call(-7)], programOnly, 'VIDEO', day(0))).toEqual([]);
  });

  it('the nearest engagement is named when several are too close', () => {
    expect(fatigueBreaches([call(-5), call(2)], programOnly, 'VIDEO', day(0))).toContainEqual({
      rule: 'REST_DAYS',
      minRestDays: 7,
      nearest: day(2),
    });
  });

  it('a blackout covers [from, until)', () => {
    const blackout = { from: day(5), until: day(10) };
    const withBlackout = rules({ blackouts: [blackout] });
    expect(fatigueBreaches([], withBlackout, 'VIDEO', day(5))).toEqual([
      { rule: 'BLACKOUT', period: blackout },
    ]);
    expect(fatigueBreaches([], withBlackout, 'VIDEO', day(9.9))).toHaveLength(1);
    expect(fatigueBreaches([], withBlackout, 'VIDEO', day(10))).toEqual([]);
    expect(fatigueBreaches([], withBlackout, 'VIDEO', day(4.9))).toEqual([]);
  });

  it("the advocate's own stricter limit is breached where the program's is not", () => {
    const strict = fatigueRules(DEFAULT_PROGRAM_POLICIES.fatigue, {
      ...NO_PREFERENCES,
      maxEngagementsPerWindow: 1,
      windowDays: 365,
    });
    expect(fatigueBreaches([caseStudy(-200)], programOnly, 'VIDEO', day(0))).toEqual([]);
    expect(fatigueBreaches([caseStudy(-200)], strict, 'VIDEO', day(0))).toEqual([
      { rule: 'WINDOW_LIMIT', limit: { windowDays: 365, max: 1, source: 'ADVOCATE' }, count: 1 },
    ]);
  });
});

describe('next available date', () => {
  it('is the start itself when nothing stands in the way', () => {
    expect(nextAvailableAt([call(-30)], programOnly, 'VIDEO', day(0))).toBe(day(0));
  });

  it('is when the rest period after the last engagement ends', () => {
    expect(nextAvailableAt([call(-2)], programOnly, 'VIDEO', day(0))).toBe(day(5));
  });

  it('skips past a future reservation and its rest period when the gap before it is too short', () => {
    // Day 0 is in a blackout until day 4; day 4 is only 3 days before a reservation at day 7.
    const blocked = rules({ blackouts: [{ from: day(-1), until: day(4) }] });
    expect(nextAvailableAt([call(7)], blocked, 'VIDEO', day(0))).toBe(day(14));
  });

  it('is when the oldest engagement leaves the window', () => {
    const four = [caseStudy(-80), caseStudy(-60), caseStudy(-40), caseStudy(-20)];
    expect(nextAvailableAt(four, programOnly, 'VIDEO', day(0))).toBe(day(10));
  });

  it('is when a blackout ends', () => {
    expect(
      nextAvailableAt([], rules({ blackouts: [{ from: day(-1), until: day(6) }] }), 'VIDEO', day(0)),
    ).toBe(day(6));
  });

  it('is a date that has no breach, and no earlier candidate is free', () => {
    const engagements = [call(-50), call(-30), call(-3), caseStudy(12)];
    const at = nextAvailableAt(engagements, programOnly, 'REFERENCE_CALL', day(0));
    expect(fatigueBreaches(engagements, programOnly, 'REFERENCE_CALL', at)).toEqual([]);
    for (let hours = 0; hours < (Date.parse(at) - Date.parse(day(0))) / 3_600_000; hours += 6) {
      expect(
        fatigueBreaches(engagements, programOnly, 'REFERENCE_CALL', day(hours / 24)).length,
      ).toBeGreaterThan(0);
    }
  });
});

describe('fatigue headroom', () => {
  it('says how many more fit under the tightest limit', () => {
    const headroom = fatigueHeadroom([call(-60), call(-30)], programOnly, 'REFERENCE_CALL', day(0));
    expect(headroom.remaining).toBe(1);
    expect(headroom.limits.map((l) => [l.limit.kind ?? 'ALL', l.used, l.remaining])).toEqual([
      ['ALL', 2, 2],
      ['REFERENCE_CALL', 2, 1],
    ]);
    expect(headroom.nextAvailableAt).toBe(day(0));
  });

  it('is zero while any rule is breached, with the date it frees up', () => {
    const headroom = fatigueHeadroom([call(-2)], programOnly, 'VIDEO', day(0));
    expect(headroom.remaining).toBe(0);
    expect(headroom.nextAvailableAt).toBe(day(5));
  });
});

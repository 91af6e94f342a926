import type { Money } from '@vouch/domain';
import { concentration, percentile } from '../program-metrics';
import { consentsAsOf, DAY_MS, isLive, profileAt } from './history-as-of';
import { nominatorLeaderboard, type NominatorStanding } from './nominator-recognition';
import { assessProgram, type ProgramAssessment } from './program-assessment';
import type { Ms, ProgramHistory } from './program-history';

interface Rate {
  readonly numerator: number;
  readonly denominator: number;
  readonly rate?: number;
}

/** The program's periodic summary for an executive sponsor. */
export interface ExecutiveDigest {
  readonly from: Ms;
  readonly to: Ms;
  /** Opportunity amounts of requests with a completed reference in the period, per currency. */
  readonly influencedPipeline: Readonly<Record<string, number>>;
  /** Won amounts of those of them closed won in the period, per currency. */
  readonly influencedRevenue: Readonly<Record<string, number>>;
  /** Deals closed in the period: won / (won + lost), with and without a completed reference. */
  readonly winRateWithReferences: Rate;
  readonly winRateWithoutReferences: Rate;
  /** Hours from submission to enough acceptances, of requests fulfilled in the period. */
  readonly timeToFulfilHours: { readonly count: number; readonly median?: number };
  readonly coverage: { readonly targets: number; readonly met: number };
  readonly topDecileShare?: number;
  /** Consents of live advocates ending in the 90 days after the period. */
  readonly consentsExpiringAhead: number;
  readonly topAdvocates: readonly {
    readonly advocateId: string;
    readonly company?: string;
    readonly uses: number;
  }[];
  readonly topNominators: readonly NominatorStanding[];
  readonly assessment: ProgramAssessment;
  /** Completed uses per 30-day slice of the period, oldest first: the chart of activity. */
  readonly usesBySlice: readonly { readonly from: Ms; readonly uses: number }[];
}

/** The executive digest of the period (from, to], from facts up to `to`. */
export function executiveDigest(history: ProgramHistory, from: Ms, to: Ms): ExecutiveDigest {
  const pipeline: Record<string, number> = {};
  const revenue: Record<string, number> = {};
  const withRefs = { won: 0, decided: 0 };
  const withoutRefs = { won: 0, decided: 0 };
  const fulfil: number[] = [];
  for (const r of history.requests.values()) {
    if (r.submittedAt > to) continue;
    const referenced = r.completed.some((c) => c.at <= to);
    if (r.completed.some((c) => c.at > from && c.at <= to)) add(pipeline, r.amount);
    const outcome = r.outcome && r.outcome.at > from && r.outcome.at <= to ? r.outcome.value : undefined;
    if (outcome && outcome.result !== 'NO_DECISION') {
      const bucket = referenced ? withRefs : withoutRefs;
      bucket.decided += 1;
      if (outcome.result === 'WON') {
        bucket.won += 1;
        if (referenced && outcome.amount) add(revenue, outcome.amount);
      }
    }
    const accepted = r.accepted
      .filter((a) => a.at <= to)
      .map((a) => a.at)
      .sort((a, b) => a - b);
    const fulfilledAt = accepted[r.advocatesNeeded - 1];
    if (fulfilledAt !== undefined && fulfilledAt > from)
      fulfil.push((fulfilledAt - r.submittedAt) / 3_600_000);
  }
  const assessment = assessProgram(history, to);
  const uses: { advocateId: string; uses: number }[] = [];
  const perAdvocate: number[] = [];
  let expiring = 0;
  const sliceCount = Math.max(1, Math.ceil((to - from) / (30 * DAY_MS)));
  const slices = Array.from({ length: sliceCount }, (_, i) => ({ from: from + i * 30 * DAY_MS, uses: 0 }));
  for (const a of history.advocates.values()) {
    if (a.enrolledAt > to) continue;
    const inPeriod = a.uses.filter((u) => u.at > from && u.at <= to);
    for (const u of inPeriod)
      slices[Math.min(sliceCount - 1, Math.floor((u.at - from) / (30 * DAY_MS)))]!.uses += 1;
    if (inPeriod.length > 0) uses.push({ advocateId: a.advocateId, uses: inPeriod.length });
    if (!isLive(a, to)) continue;
    perAdvocate.push(inPeriod.length);
    for (const c of consentsAsOf(a.consents, to)) {
      if (!c.ended && c.validUntil !== undefined && c.validUntil > to && c.validUntil <= to + 90 * DAY_MS)
        expiring += 1;
    }
  }
  const top = uses.sort((a, b) => b.uses - a.uses || (a.advocateId < b.advocateId ? -1 : 1)).slice(0, 5);
  const vision = assessment.elements.find((e) => e.element === 'PROGRAM_VISION');
  const targets = history.coverageTargetsAt(to).length;
  const met = Number(/(\d+) of \d+ growth-plan targets met/.exec(vision?.evidence[0] ?? '')?.[1] ?? 0);
  const share = concentration(perAdvocate).topDecileShare;
  return {
    from,
    to,
    influencedPipeline: pipeline,
    influencedRevenue: revenue,
    winRateWithReferences: rate(withRefs.won, withRefs.decided),
    winRateWithoutReferences: rate(withoutRefs.won, withoutRefs.decided),
    timeToFulfilHours: {
      count: fulfil.length,
      ...(fulfil.length > 0 ? { median: percentile(fulfil, 0.5) } : {}),
    },
    coverage: { targets, met },
    ...(share !== undefined ? { topDecileShare: share } : {}),
    consentsExpiringAhead: expiring,
    topAdvocates: top.map((t) => {
      const company = profileAt(
        history.accounts.get(history.advocates.get(t.advocateId)!.accountId),
        to,
      )?.name;
      return { ...t, ...(company !== undefined ? { company } : {}) };
    }),
    topNominators: nominatorLeaderboard(history, to).slice(0, 5),
    assessment,
    usesBySlice: slices,
  };
}

function add(totals: Record<string, number>, money: Money): void {
  totals[money.currency] = (totals[money.currency] ?? 0) + money.amount;
}

function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, ...(denominator > 0 ? { rate: numerator / denominator } : {}) };
}

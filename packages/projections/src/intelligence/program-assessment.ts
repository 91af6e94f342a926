import {
  clampScore,
  MATURITY_ELEMENTS,
  MATURITY_PITFALLS,
  maturityGrade,
  type MaturityElement,
  type MaturityGrade,
} from '@vouch/domain';
import { concentration } from '../program-metrics';
import { contentUsage } from './content-usage';
import { DAY_MS, isLive, productsAt, profileAt } from './history-as-of';
import type { Ms, ProgramHistory, RequestHistory } from './program-history';

/** One element of the maturity model, scored from the program's own events. */
export interface ElementAssessment {
  readonly element: MaturityElement;
  readonly title: string;
  /** 0..1; absent when the record cannot measure the element. */
  readonly score?: number;
  readonly grade: MaturityGrade;
  /** The numbers the score was computed from, in words. */
  readonly evidence: readonly string[];
  /** The seeds' pitfall, when the evidence shows it (WEAK), or that it is near (FAIR). */
  readonly findings: readonly string[];
}

export interface ProgramAssessment {
  readonly at: Ms;
  /** The mean of the measured elements' scores. */
  readonly score?: number;
  readonly grade: MaturityGrade;
  readonly elements: readonly ElementAssessment[];
}

export interface AssessmentOptions {
  /** The recent window (promotion, recruiting, content use); default 90 days. */
  readonly recentDays?: number;
  /** The year window (requests, outcomes, departments); default 365 days. */
  readonly yearDays?: number;
}

interface Measure {
  readonly score?: number;
  readonly evidence: string[];
}

/**
 * The program's health over the eleven elements of the seeds' maturity model, as of `at`:
 * every number comes from facts effective at or before `at`, so the assessment of a date
 * equals the assessment of the history cut at that date.
 */
export function assessProgram(
  history: ProgramHistory,
  at: Ms,
  options: AssessmentOptions = {},
): ProgramAssessment {
  const recent = (options.recentDays ?? 90) * DAY_MS;
  const year = (options.yearDays ?? 365) * DAY_MS;
  const recentDays = options.recentDays ?? 90;
  const yearDays = options.yearDays ?? 365;
  const requests = [...history.requests.values()].filter(
    (r) => r.submittedAt <= at && r.submittedAt > at - year,
  );
  const measures: Record<MaturityElement, Measure> = {
    PROGRAM_VISION: programVision(history, at),
    STAFF_COMPOSITION: staffing(history, requests, at, yearDays),
    MANAGING_UPWARD: managingUpward(requests, at, yearDays),
    FIELD_RELATIONSHIPS: fieldRelationships(requests, at, yearDays),
    CUSTOMER_REFERENCE_RELATIONSHIPS: referenceRelationships(history, at, year, yearDays),
    HORIZONTAL_INTEGRATION: horizontalIntegration(requests, yearDays),
    PROGRAM_PROMOTION: promotion(history, at, recent, recentDays),
    PROGRAM_METRICS: metricsHabit(requests, at, yearDays),
    CONTENT_STRATEGY: contentStrategy(history, at, recentDays),
    INFORMATION_SYSTEMS: informationSystems(history, at, recent, recentDays),
    OUTSIDE_EXPERTISE: {
      evidence: ['Vouch records nothing about the program’s peer network, communities or vendor partners.'],
    },
  };
  const elements = MATURITY_ELEMENTS.map((element): ElementAssessment => {
    const { score, evidence } = measures[element];
    const grade = maturityGrade(score);
    const { title, pitfall } = MATURITY_PITFALLS[element];
    const findings =
      grade === 'WEAK'
        ? [`${pitfall} ${evidence[0]}`]
        : grade === 'FAIR'
          ? [`At risk — ${pitfall} ${evidence[0]}`]
          : [];
    return { element, title, ...(score !== undefined ? { score } : {}), grade, evidence, findings };
  });
  const scored = elements.flatMap((e) => (e.score !== undefined ? [e.score] : []));
  const score = scored.length > 0 ? clampScore(scored.reduce((a, b) => a + b, 0) / scored.length) : undefined;
  return { at, ...(score !== undefined ? { score } : {}), grade: maturityGrade(score), elements };
}

/** The assessment at each of `points` instants from `from` to `to`: the trend. */
export function assessmentTrend(
  history: ProgramHistory,
  from: Ms,
  to: Ms,
  points: number,
  options?: AssessmentOptions,
): ProgramAssessment[] {
  const n = Math.max(1, Math.floor(points));
  if (n === 1) return [assessProgram(history, to, options)];
  const step = (to - from) / (n - 1);
  return Array.from({ length: n }, (_, i) => assessProgram(history, Math.round(from + i * step), options));
}

function programVision(history: ProgramHistory, at: Ms): Measure {
  const targets = history.coverageTargetsAt(at);
  if (targets.length === 0) {
    return {
      score: 0,
      evidence: ['0 coverage targets set: the growth plan names no industry × region × product.'],
    };
  }
  const supply = liveSupplyByCell(history, at);
  let met = 0;
  let sum = 0;
  let needed = 0;
  let have = 0;
  for (const t of targets) {
    const count = supply.get(cellKey(t.industry, t.region, t.product)) ?? 0;
    needed += t.advocatesNeeded ?? 0;
    have += Math.min(count, t.advocatesNeeded ?? 0);
    if (count >= (t.advocatesNeeded ?? 0)) met += 1;
    sum += t.advocatesNeeded ? Math.min(1, count / t.advocatesNeeded) : 1;
  }
  return {
    score: clampScore(sum / targets.length),
    evidence: [
      `coverage: ${met} of ${targets.length} growth-plan targets met (${have} of ${needed} advocates needed are there).`,
    ],
  };
}

// Cells compare case-insensitively: "EMEA" on a target and "emea" on an account are one.
function cellKey(industry: string, region: string, product: string): string {
  return `${industry.trim().toLowerCase()}|${region.trim().toLowerCase()}|${product.trim().toLowerCase()}`;
}

/** Live advocates per industry × region × product cell, in one pass. */
function liveSupplyByCell(history: ProgramHistory, at: Ms): Map<string, number> {
  const supply = new Map<string, number>();
  for (const advocate of history.advocates.values()) {
    if (!isLive(advocate, at)) continue;
    const account = history.accounts.get(advocate.accountId);
    const profile = profileAt(account, at);
    if (!profile) continue;
    for (const product of productsAt(advocate, account, at)) {
      const key = cellKey(profile.industry, profile.region, product);
      supply.set(key, (supply.get(key) ?? 0) + 1);
    }
  }
  return supply;
}

function staffing(history: ProgramHistory, requests: RequestHistory[], at: Ms, yearDays: number): Measure {
  if (requests.length === 0) return { evidence: [`no requests in the last ${yearDays} days.`] };
  const hours = history.slaAt(at).triageWithinHours;
  const limit = hours * 3_600_000;
  let onTime = 0;
  let counted = 0;
  for (const r of requests) {
    const triaged = r.triagedAt !== undefined && r.triagedAt <= at ? r.triagedAt : undefined;
    if (triaged === undefined && at - r.submittedAt <= limit) continue; // still within its SLA
    counted += 1;
    if (triaged !== undefined && triaged - r.submittedAt <= limit) onTime += 1;
  }
  if (counted === 0)
    return { evidence: [`no request in the last ${yearDays} days is past its triage time yet.`] };
  return {
    score: clampScore(onTime / counted),
    evidence: [
      `triage: ${onTime} of ${counted} requests triaged within ${hours} h in the last ${yearDays} days.`,
    ],
  };
}

function managingUpward(requests: RequestHistory[], at: Ms, yearDays: number): Measure {
  const referenced = requests.filter((r) => r.completed.some((c) => c.at <= at));
  if (referenced.length === 0)
    return { evidence: [`no completed reference activity in the last ${yearDays} days.`] };
  const recorded = referenced.filter((r) => r.outcome && r.outcome.at <= at).length;
  return {
    score: clampScore(recorded / referenced.length),
    evidence: [
      `outcomes: recorded for ${recorded} of ${referenced.length} requests with a completed reference in the last ${yearDays} days.`,
    ],
  };
}

function fieldRelationships(requests: RequestHistory[], at: Ms, yearDays: number): Measure {
  let approved = 0;
  let declined = 0;
  for (const r of requests) {
    for (const a of r.ownerAsks) {
      if (a.at > at) continue;
      if (a.value === 'APPROVED') approved += 1;
      else if (a.value === 'DECLINED') declined += 1;
    }
  }
  const answered = approved + declined;
  if (answered === 0) return { evidence: [`no owner answered an ask in the last ${yearDays} days.`] };
  return {
    score: clampScore(approved / answered),
    evidence: [`owners declined ${declined} of ${answered} asks in the last ${yearDays} days.`],
  };
}

function referenceRelationships(history: ProgramHistory, at: Ms, year: number, yearDays: number): Measure {
  const uses: number[] = [];
  for (const advocate of history.advocates.values()) {
    if (advocate.enrolledAt > at) continue;
    const n = advocate.uses.filter((u) => u.at <= at && u.at > at - year).length;
    if (n > 0 || isLive(advocate, at)) uses.push(n);
  }
  const c = concentration(uses);
  if (c.topDecileShare === undefined) return { evidence: [`no completed use in the last ${yearDays} days.`] };
  const share = Math.round(c.topDecileShare * 100);
  // An even spread puts 10 % of uses on the top 10 %; 30 % is still healthy, 80 % is burn-out.
  return {
    score: clampScore((0.8 - c.topDecileShare) / 0.5),
    evidence: [
      `fatigue: top 10 % of advocates carry ${share} % of uses (${c.completedUses} uses, ${c.advocates} advocates).`,
    ],
  };
}

function horizontalIntegration(requests: RequestHistory[], yearDays: number): Measure {
  if (requests.length === 0) return { evidence: [`no requests in the last ${yearDays} days.`] };
  const departments = [...new Set(requests.map((r) => r.department))].sort();
  // Sales alone scores 0; four departments or more score 1.
  return {
    score: clampScore((departments.length - 1) / 3),
    evidence: [
      `departments: ${departments.length} (${departments.join(', ')}) asked in the last ${yearDays} days.`,
    ],
  };
}

function promotion(history: ProgramHistory, at: Ms, recent: number, recentDays: number): Measure {
  const firstAsk = new Map<string, Ms>();
  let recentRequests = 0;
  let previousRequests = 0;
  for (const r of history.requests.values()) {
    if (r.submittedAt > at) continue;
    const first = firstAsk.get(r.requestedBy);
    if (first === undefined || r.submittedAt < first) firstAsk.set(r.requestedBy, r.submittedAt);
    if (r.submittedAt > at - recent) recentRequests += 1;
    else if (r.submittedAt > at - 2 * recent) previousRequests += 1;
  }
  if (firstAsk.size === 0)
    return { score: 0, evidence: ['0 requests ever: nobody in the field uses the program.'] };
  const newcomers = [...firstAsk.values()].filter((t) => t > at - recent).length;
  const trend =
    previousRequests === 0 ? (recentRequests > 0 ? 1 : 0) : Math.min(1, recentRequests / previousRequests);
  return {
    score: clampScore(0.5 * Math.min(1, newcomers / 3) + 0.5 * trend),
    evidence: [
      `promotion: ${newcomers} new requesters in ${recentDays} days; ${recentRequests} requests in the last ${recentDays} days against ${previousRequests} in the ${recentDays} before.`,
    ],
  };
}

function metricsHabit(requests: RequestHistory[], at: Ms, yearDays: number): Measure {
  let completed = 0;
  let rated = 0;
  for (const r of requests) {
    const done = r.completed.filter((c) => c.at <= at).length;
    completed += done;
    rated += Math.min(done, r.feedback.filter((f) => f <= at).length);
  }
  if (completed === 0) return { evidence: [`no completed activity in the last ${yearDays} days.`] };
  return {
    score: clampScore(rated / completed),
    evidence: [
      `feedback recorded on ${rated} of ${completed} completed activities in the last ${yearDays} days.`,
    ],
  };
}

function contentStrategy(history: ProgramHistory, at: Ms, recentDays: number): Measure {
  const report = contentUsage(history, at, { unusedDays: recentDays });
  const missing = report.missing.reduce((a, m) => a + m.requests, 0);
  const gaps = report.missing.length > 0 ? `; ${missing} requests asked for content that did not exist` : '';
  if (report.published === 0) {
    return { score: 0, evidence: [`content: 0 assets published${gaps}.`] };
  }
  return {
    score: clampScore((report.published - report.unusedPublished) / report.published),
    evidence: [
      `content: ${report.unusedPublished} of ${report.published} published assets not used in ${recentDays} days${gaps}.`,
    ],
  };
}

function informationSystems(history: ProgramHistory, at: Ms, recent: number, recentDays: number): Measure {
  const policy = history.freshnessAt(at);
  let live = 0;
  let stale = 0;
  let enrolled = 0;
  for (const advocate of history.advocates.values()) {
    if (advocate.enrolledAt <= at && advocate.enrolledAt > at - recent) enrolled += 1;
    if (!isLive(advocate, at)) continue;
    live += 1;
    const verified = Math.max(...advocate.verified.filter((v) => v <= at));
    if (at - verified > policy.staleAfterDays * DAY_MS) stale += 1;
  }
  if (live === 0) return { score: 0, evidence: ['0 live advocates in the database.'] };
  return {
    score: clampScore(0.7 * (1 - stale / live) + (enrolled > 0 ? 0.3 : 0)),
    evidence: [
      `profiles: ${stale} of ${live} advocate profiles are stale; ${enrolled} advocates enrolled in ${recentDays} days.`,
    ],
  };
}

import {
  consentsExpiringWithin,
  coverageKey,
  effectiveStatus,
  profileFreshness,
  requestSla,
  type Instant,
  type NominationState,
} from '@vouch/domain';
import type { AdvocateDirectory } from './advocate-directory';
import type { AggregateStates } from './aggregate-states';
import type { RequestBoard } from './request-board';
import { normalise } from './text';

/** Amounts per ISO 4217 currency, as recorded: Vouch never converts currencies. */
export type AmountsByCurrency = Record<string, number>;

export interface Rate {
  readonly numerator: number;
  readonly denominator: number;
  /** numerator / denominator, absent when nothing was counted. */
  readonly rate?: number;
}

/** One industry × region × product cell of the growth plan. */
export interface CoverageCell {
  readonly industry: string;
  readonly region: string;
  readonly product: string;
  /** Advocates the growth plan needs here, if a target is set. */
  readonly target?: number;
  /** Live advocates (ACTIVE or RESTING) whose account and products fall in the cell. */
  readonly supply: number;
  /** Requests submitted in the demand window for opportunities in the cell. */
  readonly demand: number;
  /** Advocates still missing to reach the target (0 when met). */
  readonly gap?: number;
}

export interface ProgramMetrics {
  readonly at: Instant;
  /** Requests per current status. */
  readonly funnel: Readonly<Record<string, number>>;
  /** Hours from submission to fulfilment, over fulfilled requests. */
  readonly timeToFulfilHours: { readonly count: number; readonly median?: number; readonly p90?: number };
  /** Requests whose SLA (the program's policy) is breached at `at`, fulfilled late ones included. */
  readonly slaBreaches: number;
  /** Advocates who accepted / advocates asked. */
  readonly acceptanceRate: Rate;
  readonly usageConcentration: {
    /** Enrolled advocates counted (zero uses included). */
    readonly advocates: number;
    readonly completedUses: number;
    /** Share of completed uses made by the most-used 10% of advocates (0..1). */
    readonly topDecileShare?: number;
    /** 0 = uses spread evenly, → 1 = a few advocates carry everything. */
    readonly gini?: number;
  };
  /** Opportunity amounts of requests with at least one completed activity, per currency. */
  readonly influencedPipeline: AmountsByCurrency;
  /** Won amounts of those requests, per currency. */
  readonly influencedRevenue: AmountsByCurrency;
  /** Won / (won + lost) of closed requests, with and without a completed reference activity. */
  readonly winRate: { readonly withReferences: Rate; readonly withoutReferences: Rate };
  readonly nominationsByNominator: Readonly<
    Record<string, { submitted: number; approved: number; rejected: number; withdrawn: number }>
  >;
  /** Advocates (not retired or erased) whose profile is stale or due for verification. */
  readonly profiles: { readonly stale: readonly string[]; readonly due: readonly string[] };
  /** Consents (of advocates and accounts) whose validity ends within 30 days. */
  readonly consentsExpiringSoon: readonly {
    readonly holder: 'ADVOCATE' | 'ACCOUNT';
    readonly holderId: string;
    readonly consentId: string;
    readonly version: number;
    readonly validUntil: Instant;
  }[];
  readonly coverage: readonly CoverageCell[];
}

export interface ProgramMetricsOptions {
  /** Requests submitted this many days before `at` count as demand; default 365. */
  readonly demandWindowDays?: number;
  /** Default 30. */
  readonly expiringWithinDays?: number;
}

const DAY = 86_400_000;

/**
 * The program's metrics at `at`, computed from the read models on demand. Amounts are
 * summed per currency as recorded (never converted), so a program in several currencies
 * sees each total apart.
 */
export function programMetrics(
  directory: AdvocateDirectory,
  requests: RequestBoard,
  nominations: AggregateStates<NominationState, never>,
  at: Instant,
  options: ProgramMetricsOptions = {},
): ProgramMetrics {
  const policies = directory.program.policies;
  const funnel: Record<string, number> = {};
  const fulfilHours: number[] = [];
  let slaBreaches = 0;
  let asked = 0;
  let accepted = 0;
  const pipeline: AmountsByCurrency = {};
  const revenue: AmountsByCurrency = {};
  const withRefs = { won: 0, decided: 0 };
  const withoutRefs = { won: 0, decided: 0 };
  const demand = new Map<string, { labels: [string, string, string]; count: number }>();
  const demandFrom = Date.parse(at) - (options.demandWindowDays ?? 365) * DAY;

  for (const record of requests.requests.values()) {
    const s = record.state;
    if (s.status === 'NONE') continue;
    funnel[s.status] = (funnel[s.status] ?? 0) + 1;
    if (record.fulfilledAt !== undefined && s.submittedAt !== undefined) {
      fulfilHours.push((Date.parse(record.fulfilledAt) - Date.parse(s.submittedAt)) / 3_600_000);
    }
    if (requestSla(s, policies.sla, at, record.fulfilledAt).state === 'BREACHED') slaBreaches += 1;
    asked += record.asked;
    accepted += record.accepted;
    const influenced = record.completedActivities > 0;
    if (influenced && s.opportunity) addAmount(pipeline, s.opportunity.amount);
    if (s.outcome === 'WON' || s.outcome === 'LOST') {
      const bucket = influenced ? withRefs : withoutRefs;
      bucket.decided += 1;
      if (s.outcome === 'WON') {
        bucket.won += 1;
        if (influenced && record.outcomeAmount) addAmount(revenue, record.outcomeAmount);
      }
    }
    if (s.opportunity && s.submittedAt !== undefined && Date.parse(s.submittedAt) >= demandFrom) {
      const o = s.opportunity;
      for (const product of new Set(o.products)) {
        const key = cellKey(o.industry, o.region, product);
        const cell = demand.get(key) ?? { labels: [o.industry, o.region, product], count: 0 };
        cell.count += 1;
        demand.set(key, cell);
      }
    }
  }

  const uses: number[] = [];
  const stale: string[] = [];
  const due: string[] = [];
  const expiring: ProgramMetrics['consentsExpiringSoon'][number][] = [];
  const within = options.expiringWithinDays ?? 30;
  const supply = new Map<string, { labels: [string, string, string]; count: number }>();
  for (const [id, state] of directory.advocates) {
    if (state.status === 'NONE') continue;
    let completed = 0;
    for (const e of Object.values(state.engagements)) if (e.status === 'COMPLETED') completed += 1;
    uses.push(completed);
    if (state.status === 'RETIRED' || state.status === 'ERASED') continue;
    const freshness = profileFreshness(state, policies.freshness, at);
    if (freshness === 'STALE') stale.push(id);
    else if (freshness === 'DUE') due.push(id);
    for (const c of consentsExpiringWithin(Object.values(state.consents), at, within)) {
      expiring.push({
        holder: 'ADVOCATE',
        holderId: id,
        consentId: c.consentId,
        version: c.version,
        validUntil: c.validUntil!,
      });
    }
    const status = effectiveStatus(state, at);
    const profile = directory.accountOf(state)?.profile;
    if ((status === 'ACTIVE' || status === 'RESTING') && profile) {
      for (const product of new Set([...profile.products, ...(state.attributes?.products ?? [])])) {
        const key = cellKey(profile.industry, profile.region, product);
        const cell = supply.get(key) ?? { labels: [profile.industry, profile.region, product], count: 0 };
        cell.count += 1;
        supply.set(key, cell);
      }
    }
  }
  for (const [id, account] of directory.accounts) {
    if (account.status !== 'ACTIVE') continue;
    for (const c of consentsExpiringWithin(Object.values(account.consents), at, within)) {
      expiring.push({
        holder: 'ACCOUNT',
        holderId: id,
        consentId: c.consentId,
        version: c.version,
        validUntil: c.validUntil!,
      });
    }
  }

  const nominationsByNominator: Record<
    string,
    { submitted: number; approved: number; rejected: number; withdrawn: number }
  > = {};
  for (const n of nominations.states.values()) {
    if (n.nominatedBy === undefined) continue;
    const row = (nominationsByNominator[n.nominatedBy] ??= {
      submitted: 0,
      approved: 0,
      rejected: 0,
      withdrawn: 0,
    });
    row.submitted += 1;
    if (n.status === 'APPROVED') row.approved += 1;
    else if (n.status === 'REJECTED') row.rejected += 1;
    else if (n.status === 'WITHDRAWN') row.withdrawn += 1;
  }

  return {
    at,
    funnel,
    timeToFulfilHours: {
      count: fulfilHours.length,
      ...(fulfilHours.length > 0
        ? { median: percentile(fulfilHours, 0.5), p90: percentile(fulfilHours, 0.9) }
        : {}),
    },
    slaBreaches,
    acceptanceRate: rate(accepted, asked),
    usageConcentration: concentration(uses),
    influencedPipeline: pipeline,
    influencedRevenue: revenue,
    winRate: {
      withReferences: rate(withRefs.won, withRefs.decided),
      withoutReferences: rate(withoutRefs.won, withoutRefs.decided),
    },
    nominationsByNominator,
    profiles: { stale, due },
    consentsExpiringSoon: expiring,
    coverage: coverage(directory, supply, demand),
  };
}

function coverage(
  directory: AdvocateDirectory,
  supply: Map<string, { labels: [string, string, string]; count: number }>,
  demand: Map<string, { labels: [string, string, string]; count: number }>,
): CoverageCell[] {
  const cells = new Map<string, { labels: [string, string, string]; target?: number }>();
  for (const t of Object.values(directory.program.coverageTargets)) {
    cells.set(cellKey(t.industry, t.region, t.product), {
      labels: [t.industry, t.region, t.product],
      target: t.advocatesNeeded,
    });
  }
  for (const [key, cell] of demand) if (!cells.has(key)) cells.set(key, { labels: cell.labels });
  const result: CoverageCell[] = [];
  for (const [key, cell] of cells) {
    const have = supply.get(key)?.count ?? 0;
    result.push({
      industry: cell.labels[0],
      region: cell.labels[1],
      product: cell.labels[2],
      ...(cell.target !== undefined ? { target: cell.target, gap: Math.max(0, cell.target - have) } : {}),
      supply: have,
      demand: demand.get(key)?.count ?? 0,
    });
  }
  return result.sort((a, b) =>
    cellKey(a.industry, a.region, a.product) < cellKey(b.industry, b.region, b.product) ? -1 : 1,
  );
}

// Cells compare case-insensitively: "EMEA" in a target and "emea" on an account are one cell.
function cellKey(industry: string, region: string, product: string): string {
  return coverageKey({
    industry: normalise(industry),
    region: normalise(region),
    product: normalise(product),
  });
}

function addAmount(totals: AmountsByCurrency, money: { amount: number; currency: string }): void {
  totals[money.currency] = (totals[money.currency] ?? 0) + money.amount;
}

function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, ...(denominator > 0 ? { rate: numerator / denominator } : {}) };
}

/** The nearest-rank percentile (0 < p ≤ 1) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

/** The share of the top 10% and the Gini coefficient of a list of use counts. */
export function concentration(uses: readonly number[]): ProgramMetrics['usageConcentration'] {
  const total = uses.reduce((a, b) => a + b, 0);
  if (uses.length === 0 || total === 0) return { advocates: uses.length, completedUses: total };
  const ascending = [...uses].sort((a, b) => a - b);
  const top = Math.ceil(ascending.length / 10);
  const topUses = ascending.slice(ascending.length - top).reduce((a, b) => a + b, 0);
  let weighted = 0;
  ascending.forEach((x, i) => (weighted += (i + 1) * x));
  const n = ascending.length;
  const gini = (2 * weighted) / (n * total) - (n + 1) / n;
  return { advocates: n, completedUses: total, topDecileShare: topUses / total, gini: Math.max(0, gini) };
}

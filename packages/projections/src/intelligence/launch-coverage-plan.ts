import {
  lookAlikeScore,
  preferredCandidateProfile,
  referencesNeeded,
  type ActivityKind,
  type DemandRates,
} from '@vouch/domain';
import {
  askableOn,
  consentInForceOn,
  DAY_MS,
  isLive,
  productsAt,
  profileAt,
  sameTrait,
} from './history-as-of';
import { lastAt, type Ms, type ProgramHistory, type RequestHistory } from './program-history';

/** A product launch as the program leader describes it. */
export interface Launch {
  readonly name: string;
  readonly products: readonly string[];
  readonly launchDate: Ms;
  /** How long after the date the launch's opportunities run; default 90 days. */
  readonly horizonDays?: number;
  /** Target segments × regions, each with the opportunities expected there. */
  readonly cells: readonly {
    readonly segment: string;
    readonly region: string;
    readonly expectedOpportunities: number;
  }[];
}

/** Where to recruit from for a gap. */
export interface RecruitSource {
  readonly source: 'PENDING_NOMINATION' | 'HAPPY_ACCOUNT_WITHOUT_ADVOCATE' | 'WISHLIST_LOOK_ALIKE';
  /** The nomination or account id, or the wished-for company's name. */
  readonly ref: string;
  readonly accountId?: string;
  readonly why: string;
}

/** One segment × region × activity kind of the plan. */
export interface LaunchPlanLine {
  readonly segment: string;
  readonly region: string;
  readonly kind: ActivityKind;
  readonly expectedOpportunities: number;
  readonly rates: DemandRates;
  /** Where the rates came from: the launch's region and products, or the whole program. */
  readonly ratesFrom: 'REGION_AND_PRODUCTS' | 'PROGRAM';
  readonly referencesNeeded: number;
  /** Advocates who can be asked at the launch date: live, consent in force then, in the cell. */
  readonly advocatesAvailable: number;
  /** Uses those advocates can give over the horizon within the fatigue limits. */
  readonly usesAvailable: number;
  readonly gap: number;
  /** Advocates to recruit to close the gap, at the fatigue limit each. */
  readonly advocatesToRecruit: number;
  readonly recruitFrom: readonly RecruitSource[];
  readonly explanation: string;
}

export interface LaunchCoveragePlan {
  readonly launch: Launch;
  /** What the plan knew: facts up to this instant. */
  readonly asOf: Ms;
  readonly lines: readonly LaunchPlanLine[];
  readonly totalNeeded: number;
  readonly totalGap: number;
}

const DEMAND_DAYS = 365;
const MAX_SOURCES = 5;

/**
 * How many references a launch needs per activity kind, from the demand history (requests
 * per opportunity, advocates per request, acceptance and fulfilment), against the advocates
 * who will be available at the launch date (consent in force then, fatigue headroom), with
 * each gap and where to recruit from. Only facts up to `asOf` are used.
 */
export function launchCoveragePlan(history: ProgramHistory, launch: Launch, asOf: Ms): LaunchCoveragePlan {
  const horizonDays = launch.horizonDays ?? 90;
  const fatigue = history.fatigueAt(asOf);
  const windows = Math.max(1, Math.ceil(horizonDays / fatigue.windowDays));
  const demand = [...history.requests.values()].filter(
    (r) => r.submittedAt <= asOf && r.submittedAt > asOf - DEMAND_DAYS * DAY_MS,
  );
  const lines: LaunchPlanLine[] = [];
  for (const cell of launch.cells) {
    const local = demand.filter(
      (r) =>
        sameTrait(r.region, cell.region) &&
        r.products.some((p) => launch.products.some((q) => sameTrait(p, q))),
    );
    const scope = local.length > 0 ? local : demand;
    const ratesFrom = local.length > 0 ? 'REGION_AND_PRODUCTS' : 'PROGRAM';
    const opportunities = new Set(scope.map((r) => r.opportunityId)).size;
    const kinds = [...new Set(scope.map((r) => r.kind))].sort();
    for (const kind of kinds) {
      const rates = demandRates(
        scope.filter((r) => r.kind === kind),
        opportunities,
        asOf,
      );
      const needed = referencesNeeded(cell.expectedOpportunities, rates);
      const perAdvocate = (fatigue.maxPerKindPerWindow[kind] ?? fatigue.maxPerWindow) * windows;
      const supply = availableAdvocates(history, launch, cell, kind, asOf, fatigue.windowDays, perAdvocate);
      const gap = Math.max(0, needed - supply.uses);
      const toRecruit = gap > 0 ? Math.ceil(gap / Math.max(1, perAdvocate)) : 0;
      lines.push({
        segment: cell.segment,
        region: cell.region,
        kind,
        expectedOpportunities: cell.expectedOpportunities,
        rates,
        ratesFrom,
        referencesNeeded: needed,
        advocatesAvailable: supply.advocates,
        usesAvailable: supply.uses,
        gap,
        advocatesToRecruit: toRecruit,
        recruitFrom: gap > 0 ? recruitSources(history, launch, cell, asOf) : [],
        explanation:
          `${cell.expectedOpportunities} opportunities × ${round(rates.requestsPerOpportunity)} ${kind} requests each × ` +
          `${round(rates.advocatesPerRequest)} advocates per request ÷ ${round(rates.acceptanceRate)} acceptance = ${needed} needed; ` +
          `${supply.advocates} advocates can be asked on the launch date, ${supply.uses} uses within the fatigue limit ` +
          `(${perAdvocate} each over ${horizonDays} days); history from ${ratesFrom === 'PROGRAM' ? 'the whole program (none in this region and products)' : 'this region and products'}.`,
      });
    }
  }
  return {
    launch,
    asOf,
    lines,
    totalNeeded: lines.reduce((a, l) => a + l.referencesNeeded, 0),
    totalGap: lines.reduce((a, l) => a + l.gap, 0),
  };
}

function demandRates(requests: RequestHistory[], opportunities: number, at: Ms): DemandRates {
  let asked = 0;
  let accepted = 0;
  let closed = 0;
  let fulfilled = 0;
  for (const r of requests) {
    asked += r.asked.filter((a) => a.at <= at).length;
    const yes = r.accepted.filter((a) => a.at <= at).length;
    accepted += yes;
    if (r.closedAt !== undefined && r.closedAt <= at) {
      closed += 1;
      if (yes >= r.advocatesNeeded) fulfilled += 1;
    }
  }
  return {
    requestsPerOpportunity: opportunities > 0 ? requests.length / opportunities : 0,
    advocatesPerRequest:
      requests.length > 0 ? requests.reduce((a, r) => a + r.advocatesNeeded, 0) / requests.length : 0,
    acceptanceRate: asked > 0 ? accepted / asked : 1,
    fulfilmentRate: closed > 0 ? fulfilled / closed : 1,
  };
}

function inCell(
  profile: { segment: string; region: string } | undefined,
  cell: { segment: string; region: string },
): boolean {
  return (
    profile !== undefined &&
    sameTrait(profile.segment, cell.segment) &&
    sameTrait(profile.region, cell.region)
  );
}

function availableAdvocates(
  history: ProgramHistory,
  launch: Launch,
  cell: Launch['cells'][number],
  kind: ActivityKind,
  asOf: Ms,
  windowDays: number,
  perAdvocate: number,
): { advocates: number; uses: number } {
  let advocates = 0;
  let uses = 0;
  const windowStart = launch.launchDate - windowDays * DAY_MS;
  for (const advocate of history.advocates.values()) {
    if (!askableOn(advocate, asOf, launch.launchDate)) continue;
    const account = history.accounts.get(advocate.accountId);
    if (!inCell(profileAt(account, asOf), cell)) continue;
    const products = [...productsAt(advocate, account, asOf)];
    if (!products.some((p) => launch.products.some((q) => sameTrait(p, q)))) continue;
    if (!consentInForceOn(advocate.consents, kind, asOf, launch.launchDate, cell.region)) continue;
    // Uses already made in the fatigue window before the launch take from the first window.
    const spent = advocate.uses.filter((u) => u.at <= asOf && u.at > windowStart).length;
    advocates += 1;
    uses += Math.max(0, perAdvocate - spent);
  }
  return { advocates, uses };
}

function recruitSources(
  history: ProgramHistory,
  launch: Launch,
  cell: Launch['cells'][number],
  asOf: Ms,
): RecruitSource[] {
  const sources: RecruitSource[] = [];
  const accountsWithAdvocates = new Set<string>();
  for (const a of history.advocates.values()) if (isLive(a, asOf)) accountsWithAdvocates.add(a.accountId);
  const relevant = (products: readonly string[]) =>
    products.some((p) => launch.products.some((q) => sameTrait(p, q)));
  for (const n of history.nominations.values()) {
    if (n.submittedAt > asOf || (n.decision && n.decision.at <= asOf)) continue;
    const profile = profileAt(history.accounts.get(n.accountId), asOf);
    if (!inCell(profile, cell)) continue;
    sources.push({
      source: 'PENDING_NOMINATION',
      ref: n.nominationId,
      accountId: n.accountId,
      why: `nomination pending since ${new Date(n.submittedAt).toISOString().slice(0, 10)}: decide it.`,
    });
  }
  const minHealth = history.nominationPolicyAt(asOf).minAccountHealth;
  const happy: RecruitSource[] = [];
  for (const account of history.accounts.values()) {
    const profile = profileAt(account, asOf);
    if (
      !inCell(profile, cell) ||
      !relevant(profile!.products) ||
      accountsWithAdvocates.has(account.accountId)
    )
      continue;
    const health = lastAt(account.health, asOf);
    if (health === undefined || health < minHealth) continue;
    happy.push({
      source: 'HAPPY_ACCOUNT_WITHOUT_ADVOCATE',
      ref: account.accountId,
      accountId: account.accountId,
      why: `${profile!.name}: health ${health} (≥ ${minHealth}) and no advocate yet.`,
    });
  }
  sources.push(...happy.sort((a, b) => (a.ref < b.ref ? -1 : 1)));
  const wishlist = history.wishlistAt(asOf);
  const profile = preferredCandidateProfile(wishlist);
  for (const wish of wishlist) {
    if (
      !sameTrait(wish.region, cell.region) ||
      !sameTrait(wish.segment, cell.segment) ||
      !relevant(wish.products)
    )
      continue;
    sources.push({
      source: 'WISHLIST_LOOK_ALIKE',
      ref: wish.accountName,
      ...(wish.accountId !== undefined ? { accountId: wish.accountId } : {}),
      why: `wished for by sales; look-alike score ${lookAlikeScore(wish, profile)}.`,
    });
  }
  return sources.slice(0, MAX_SOURCES * 3);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

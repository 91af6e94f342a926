import {
  MATCH_WEIGHTS,
  SENIORITIES,
  feedbackShare,
  seniorityRank,
  type ActivityFeedback,
  type AccountState,
  type ActivityKind,
  type AdvocateState,
  type FreshnessPolicy,
  type MatchRequest,
} from '@vouch/domain';
import type { AdvocateDirectory } from './advocate-directory';
import { feedbackHistory } from './advocate-feedback-history';
import type { AdvocateSearchIndex, IndexedField } from './advocate-search-index';
import { normalise } from './text';

/**
 * An upper bound on the optimistic match score (the domain's `matchScoreTotal` with full
 * fatigue headroom), read from the inverted indexes instead of scoring the advocate, and
 * the pool of advocates that can beat everybody else.
 */
export interface MatchBounds {
  /**
   * The advocates that meet the driving criterion (the most selective one), or undefined
   * when no criterion can drive. Everybody outside scores at most `outsideBound`.
   */
  readonly pool: ReadonlySet<string> | undefined;
  /** The best score an advocate outside the pool can reach. */
  readonly outsideBound: number;
  /**
   * The criteria from the most selective on: the advocates of each (the first is `pool`),
   * and the best score of an advocate in none of it and the earlier ones.
   */
  readonly tiers: readonly MatchTier[];
  /** Whether the advocate is in the pool of tier `k` (meets its criterion), read from its own values. */
  inTier(state: AdvocateState, k: number): boolean;
  /**
   * At least the advocate's optimistic score at an instant, and equal to it unless the
   * fatigue rules allow no use at all. Without the instant, the profile counts as fresh:
   * a ceiling no clock can raise.
   */
  bound(state: AdvocateState, freshness?: FreshnessAt): number;
}

/** The advocates of one driving criterion, and the best score of an advocate in none of it and the earlier ones. */
export interface MatchTier {
  readonly pool: ReadonlySet<string>;
  readonly outsideBound: number;
}

/** The freshness policy and the instant of the match, in milliseconds. */
export interface FreshnessAt {
  readonly policy: FreshnessPolicy;
  readonly atMillis: number;
}

// One criterion of the score, as postings: "any" scores its weight on one hit, "share"
// scores its weight times the share of wanted values hit (a repeated value counts twice,
// as in the domain's overlap).
interface IndexedCriterion {
  readonly weight: number;
  readonly mode: 'any' | 'share';
  readonly postings: readonly ReadonlySet<string>[];
  /** The wanted values, normalised as the index files them (one per posting). */
  readonly values: readonly string[];
  /** Which of the advocate's own values the criterion compares (as the index files them). */
  readonly of: (values: AdvocateValues) => readonly string[];
  /** Whether the criterion scores for everybody (nothing asked, or a value the index cannot hold). */
  readonly always: boolean;
}

/**
 * The bounds of a request's match scores. Every term mirrors a component of the domain's
 * score in the same order and with the same rounding, each at least as large, so the bound
 * is never below the score (floating-point sums are monotone in every term).
 */
export function matchBounds(
  directory: AdvocateDirectory,
  index: AdvocateSearchIndex,
  request: MatchRequest,
): MatchBounds {
  const { criteria, opportunity } = request;
  const criterion = (
    criterion: keyof typeof MATCH_WEIGHTS,
    mode: 'any' | 'share',
    field: IndexedField,
    wanted: readonly string[],
  ): IndexedCriterion => {
    const values = wanted.map(normalise);
    return {
      weight: MATCH_WEIGHTS[criterion],
      mode,
      postings: values.map((v) => index.posting(field, v)),
      values,
      of: (own) => own[field as keyof AdvocateValues],
      // The index holds no empty values (an account without a profile scores '' as its industry).
      always: values.length === 0 || values.includes(''),
    };
  };
  const industry = criterion(
    'industry',
    'any',
    'industry',
    criteria.industries.length > 0 ? criteria.industries : [opportunity.industry],
  );
  const products = criterion(
    'products',
    'share',
    'product',
    criteria.products.length > 0 ? criteria.products : opportunity.products,
  );
  const region = criterion(
    'region',
    'any',
    'region',
    criteria.regions.length > 0 ? criteria.regions : [opportunity.region],
  );
  const useCases = criterion('useCases', 'share', 'useCase', criteria.useCases);
  const language = criterion('language', 'any', 'language', criteria.languages);
  const minRank = criteria.minSeniority === undefined ? undefined : seniorityRank(criteria.minSeniority);

  const indexed = [industry, products, region, useCases, language] as const;

  // The most selective criterion drives: the advocates outside it score nothing on it.
  // The most selective first: each tier holds the advocates of one more criterion.
  const drivers = indexed
    .filter((c) => !c.always)
    .map((c) => ({ c, size: c.postings.reduce((n, p) => n + p.size, 0) }))
    .sort((x, y) => x.size - y.size)
    .map((d) => d.c);
  const missed = new Set<IndexedCriterion>();
  const miss = (c: IndexedCriterion) => (missed.has(c) ? 0 : 1);
  const tiers = drivers.map((driver) => {
    missed.add(driver);
    return {
      driver,
      pool:
        driver.postings.length === 1 ? driver.postings[0]! : new Set(driver.postings.flatMap((p) => [...p])),
      outsideBound: totalOf(
        miss(industry),
        miss(products),
        miss(region),
        miss(useCases),
        miss(language),
        1,
        1,
        1,
      ),
    };
  });
  const pool = tiers[0]?.pool;
  const outsideBound = tiers[0]?.outsideBound ?? Infinity;

  // The share of a criterion the advocate meets, from its own values (what the index filed
  // it under, kept per version) rather than one look-up in a large posting per wanted value.
  const shareOf = (c: IndexedCriterion, own: AdvocateValues): number => {
    if (c.always) return 1;
    const have = c.of(own);
    if (c.mode === 'any') {
      for (const v of c.values) if (have.includes(v)) return 1;
      return 0;
    }
    let hits = 0;
    for (const v of c.values) if (have.includes(v)) hits++;
    return hits / c.values.length;
  };
  return {
    pool,
    outsideBound,
    tiers,
    inTier: (state, k) => shareOf(tiers[k]!.driver, valuesOf(directory, state)) > 0,
    bound: (state, freshness) => {
      const own = valuesOf(directory, state);
      const seniority = state.attributes?.seniority;
      const seniorityOk =
        minRank === undefined ||
        seniority === undefined ||
        !SENIORITIES.includes(seniority) ||
        seniorityRank(seniority) >= minRank;
      const facts = factsOf(state);
      return totalOf(
        shareOf(industry, own),
        shareOf(products, own),
        shareOf(region, own),
        shareOf(useCases, own),
        shareOf(language, own),
        seniorityOk ? 1 : 0,
        freshness === undefined ? 1 : freshnessShare(facts, freshness.policy, freshness.atMillis),
        // Either scoring path (ratings only, or both sides with the asked kind) stays below.
        Math.max(facts.feedback, twoSidedShare(facts, request.kind)),
      );
    },
  };
}

/** An advocate's values as the search index files them (normalised), for the criteria of a match. */
interface AdvocateValues {
  readonly industry: readonly string[];
  readonly region: readonly string[];
  readonly product: readonly string[];
  readonly useCase: readonly string[];
  readonly language: readonly string[];
}

// Kept with the advocate version's facts while its account stays the same version (an account
// change files the advocate anew); the values interned, so advocates share one string each.
function valuesOf(directory: AdvocateDirectory, state: AdvocateState): AdvocateValues {
  const account = directory.accountOf(state);
  const facts = factsOf(state);
  if (facts.values !== undefined && facts.valuesOfAccount === account) return facts.values;
  const profile = account?.profile;
  const a = state.attributes;
  const list = (values: readonly string[]) => (values.length === 0 ? NONE : values.map(interned));
  facts.valuesOfAccount = account;
  return (facts.values = {
    industry: profile ? [interned(profile.industry)] : NONE,
    region: profile ? [interned(profile.region)] : NONE,
    product: list([...(profile?.products ?? []), ...(a?.products ?? [])]),
    useCase: list(a?.useCases ?? []),
    language: list(a?.languages ?? []),
  });
}
const NONE: readonly string[] = [];
const internedValues = new Map<string, string>();
function interned(value: string): string {
  const key = normalise(value);
  let kept = internedValues.get(key);
  if (kept === undefined) {
    // Only a saving: a tenant with ever new values must not grow it without end.
    if (internedValues.size >= 10_000) internedValues.clear();
    internedValues.set(key, (kept = key));
  }
  return kept;
}

// The domain's total from the shares of its components: the same order of the sum and the
// same rounding (industry, products, region, use cases, language, headroom, seniority,
// freshness, feedback; headroom taken as full).
function totalOf(
  industry: number,
  products: number,
  region: number,
  useCases: number,
  language: number,
  seniority: number,
  fresh: number,
  feedback: number,
): number {
  let sum = 0;
  sum += MATCH_WEIGHTS.industry * rounded(industry);
  sum += MATCH_WEIGHTS.products * rounded(products);
  sum += MATCH_WEIGHTS.region * rounded(region);
  sum += MATCH_WEIGHTS.useCases * rounded(useCases);
  sum += MATCH_WEIGHTS.language * rounded(language);
  sum += MATCH_WEIGHTS.fatigueHeadroom * 1;
  sum += MATCH_WEIGHTS.seniority * seniority;
  sum += MATCH_WEIGHTS.freshness * fresh;
  sum += MATCH_WEIGHTS.pastFeedback * rounded(feedback);
  return Math.round(sum * 10) / 10;
}

// As the domain rounds each component's share.
const rounded = (share: number) => Math.round(share * 1000) / 1000;

// What the bound needs of an advocate version that no request changes, kept per version.
interface AdvocateFacts {
  /** The past-feedback share: the average rating scaled to 0..1, 0.5 without ratings. */
  readonly feedback: number;
  /** When the profile was last verified, in milliseconds; undefined when never or lapsed. */
  readonly verifiedAt: number | undefined;
  /** Both sides' feedback, and its share per asked kind once computed. */
  readonly history: readonly ActivityFeedback[];
  readonly twoSided: Map<string, number>;
  /** The values the index files the advocate under, and the account version they are of. */
  values?: AdvocateValues;
  valuesOfAccount?: AccountState;
}
const facts = new WeakMap<AdvocateState, AdvocateFacts>();
function factsOf(state: AdvocateState): AdvocateFacts {
  let found = facts.get(state);
  if (found === undefined) {
    let sum = 0;
    let count = 0;
    for (const e of Object.values(state.engagements)) {
      if (e.rating !== undefined) [sum, count] = [sum + e.rating, count + 1];
    }
    found = {
      feedback: count === 0 ? 0.5 : (sum / count - 1) / 4,
      verifiedAt:
        state.lastVerifiedAt === undefined || state.verificationLapsedAt !== undefined
          ? undefined
          : Date.parse(state.lastVerifiedAt),
      history: feedbackHistory(state),
      twoSided: new Map(),
    };
    facts.set(state, found);
  }
  return found;
}

// The domain's two-sided feedback share for the asked kind, as the score computes it.
function twoSidedShare(facts: AdvocateFacts, kind: ActivityKind | undefined): number {
  const key = kind ?? '';
  let share = facts.twoSided.get(key);
  if (share === undefined) facts.twoSided.set(key, (share = feedbackShare(facts.history, kind).share));
  return share;
}

// The domain's `profileFreshness` as a share, from the parsed instants (the property test
// holds the two equal): fresh 1, due for verification 0.5, stale 0.
function freshnessShare(facts: AdvocateFacts, policy: FreshnessPolicy, atMillis: number): number {
  if (facts.verifiedAt === undefined) return 0;
  const age = (atMillis - facts.verifiedAt) / MS_PER_DAY;
  return age >= policy.staleAfterDays ? 0 : age >= policy.verifyEveryDays ? 0.5 : 1;
}

const MS_PER_DAY = 86_400_000;

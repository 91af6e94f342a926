import type { AdvocateState, MatchRequest } from '@vouch/domain';
import type { AdvocateDirectory } from './advocate-directory';
import type { AdvocateSearchIndex } from './advocate-search-index';
import { matchBounds, type FreshnessAt, type MatchBounds } from './match-bound';

/** One advocate of a request's pool with the ceiling of its score from the instant the order was made on. */
export interface Ceiling {
  readonly state: AdvocateState;
  readonly ceiling: number;
}

/**
 * A request's advocates best first, tier by tier: tier `k` holds the live advocates of the
 * `k`-th most selective criterion that are in no earlier tier (the last tier: every live
 * advocate in none), sorted by ceiling (ties by id), with the bounds that made it. The
 * ceiling is the bound at the instant the order was made: profiles only grow staler, so it
 * holds for every later instant, and the order is kept while the read models do not change.
 * A tier is sorted when a match first needs it, and kept with the order from then on.
 */
export interface MatchOrder {
  readonly bounds: MatchBounds;
  /** How many tiers there are: one per driving criterion, and everybody left. */
  readonly tierCount: number;
  /** Tier `k` best first by ceiling (built on first use). */
  tier(k: number): readonly Ceiling[];
  /** The instant the ceilings are of, in milliseconds: they hold at and after it. */
  readonly atMillis: number;
}

/** Whether an advocate may be matched at all: live (ACTIVE or RESTING in the index), with a profile, not left out. */
export type Matchable = (id: string) => AdvocateState | undefined;

/** Sorts best first: the higher key, then the smaller advocate id. */
export function byKeyThenId(a: number, aId: string, b: number, bId: string): number {
  return b - a || (aId < bId ? -1 : aId > bId ? 1 : 0);
}

/** The order of a request's advocates (see `MatchOrder`); only the first tier is sorted now. */
export function matchOrder(
  directory: AdvocateDirectory,
  index: AdvocateSearchIndex,
  request: MatchRequest,
  matchable: Matchable,
  freshness: FreshnessAt,
): MatchOrder {
  const bounds = matchBounds(directory, index, request);
  const tiers = bounds.tiers;
  const sorted: (Ceiling[] | undefined)[] = [];
  // Everybody live: the last tier, and the only one when no criterion drives.
  const everybody = () => [...index.posting('status', 'ACTIVE'), ...index.posting('status', 'RESTING')];
  const inEarlierTier = (state: AdvocateState, k: number) => {
    for (let j = 0; j < k; j++) if (bounds.inTier(state, j)) return true;
    return false;
  };
  const build = (k: number): Ceiling[] => {
    const members: Iterable<string> = k < tiers.length ? tiers[k]!.pool : everybody();
    const tier: Ceiling[] = [];
    for (const id of members) {
      const state = matchable(id);
      // The order's own instant, whichever match first needs the tier: a ceiling of a later
      // instant could be below the bound at an instant between the two.
      if (state && !inEarlierTier(state, k)) tier.push({ state, ceiling: bounds.bound(state, freshness) });
    }
    return tier.sort((a, b) => byKeyThenId(a.ceiling, a.state.advocateId, b.ceiling, b.state.advocateId));
  };
  const order: MatchOrder = {
    bounds,
    tierCount: tiers.length + 1,
    atMillis: freshness.atMillis,
    tier: (k) => (sorted[k] ??= build(k)),
  };
  order.tier(0);
  return order;
}

/**
 * The last few requests' orders, for as long as the read models stay at the version they
 * were built at (any event folded since makes them stale): the same request is matched
 * again and again while a program manager works on it.
 */
export class MatchOrderCache {
  private readonly orders = new Map<string, { readonly version: unknown; readonly order: MatchOrder }>();

  constructor(
    private readonly version: () => unknown,
    private readonly capacity = 16,
  ) {}

  /** The order of the request's advocates, made anew when missing, stale, or of a later instant. */
  orderOf(
    directory: AdvocateDirectory,
    index: AdvocateSearchIndex,
    request: MatchRequest,
    exclude: readonly string[],
    matchable: Matchable,
    freshness: FreshnessAt,
  ): MatchOrder {
    const key = JSON.stringify([
      request.kind ?? null,
      request.opportunity,
      request.criteria,
      [...exclude].sort(),
    ]);
    const version = this.version();
    const kept = this.orders.get(key);
    this.orders.delete(key); // re-inserted last: the map's order is the order of use
    const order =
      kept && kept.version === version && kept.order.atMillis <= freshness.atMillis
        ? kept.order
        : matchOrder(directory, index, request, matchable, freshness);
    this.orders.set(key, { version, order });
    if (this.orders.size > this.capacity) this.orders.delete(this.orders.keys().next().value!);
    return order;
  }
}

import type { AdvocateState, MatchRequest } from '@vouch/domain';
import type { AdvocateSearchIndex } from './advocate-search-index';
import { matchBounds, type FreshnessAt, type MatchBounds } from './match-bound';

/** One advocate of a request's pool with the ceiling of its score from the instant the order was made on. */
export interface Ceiling {
  readonly state: AdvocateState;
  readonly ceiling: number;
}

/**
 * A request's pool best first: the live advocates of its most selective criterion sorted by
 * ceiling (ties by id), with the bounds that made it. The ceiling is the bound at the instant
 * the order was made: profiles only grow staler, so it holds for every later instant, and the
 * order is kept while the read models do not change.
 */
export interface MatchOrder {
  readonly bounds: MatchBounds;
  readonly pool: readonly Ceiling[];
  /** The instant the ceilings are of, in milliseconds: they hold at and after it. */
  readonly atMillis: number;
}

/** Whether an advocate may be matched at all: live (ACTIVE or RESTING in the index), with a profile, not left out. */
export type Matchable = (id: string) => AdvocateState | undefined;

/** Sorts best first: the higher key, then the smaller advocate id. */
export function byKeyThenId(a: number, aId: string, b: number, bId: string): number {
  return b - a || (aId < bId ? -1 : aId > bId ? 1 : 0);
}

/** The order of a request's pool (see `MatchOrder`). */
export function matchOrder(
  index: AdvocateSearchIndex,
  request: MatchRequest,
  matchable: Matchable,
  freshness: FreshnessAt,
): MatchOrder {
  const bounds = matchBounds(index, request);
  const pool: Ceiling[] = [];
  for (const id of bounds.pool ?? []) {
    const state = matchable(id);
    if (state) pool.push({ state, ceiling: bounds.bound(state, freshness) });
  }
  pool.sort((a, b) => byKeyThenId(a.ceiling, a.state.advocateId, b.ceiling, b.state.advocateId));
  return { bounds, pool, atMillis: freshness.atMillis };
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

  /** The order of the request's pool, built when missing, stale, or of a later instant. */
  orderOf(
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
        : matchOrder(index, request, matchable, freshness);
    this.orders.set(key, { version, order });
    if (this.orders.size > this.capacity) this.orders.delete(this.orders.keys().next().value!);
    return order;
  }
}

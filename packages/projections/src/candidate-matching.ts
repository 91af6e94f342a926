import {
  activeSuppressions,
  availabilityOf,
  fatigueRules,
  matchScoreTotal,
  matchScore,
  profileFreshness,
  type ActivityKind,
  type AdvocateState,
  type Instant,
  type MatchCandidate,
  type MatchRequest,
  type MatchScore,
  type Opportunity,
  type RequestCriteria,
} from '@vouch/domain';
import type { AdvocateDirectory } from './advocate-directory';
import { describeReasons, type AvailabilityReason } from './advocate-availability';
import { busyHolds, type BusyHold } from './advocate-busy';
import { feedbackHistory } from './advocate-feedback-history';
import type { AdvocateSearchIndex } from './advocate-search-index';
import { BestFirstQueue } from './best-first-queue';
import { byKeyThenId, matchOrder, type Ceiling, type MatchOrderCache } from './match-order';
import type { RequestBoard } from './request-board';

/** What to match against: a request's kind, opportunity and criteria. */
export interface MatchTarget {
  readonly kind: ActivityKind;
  readonly opportunity: Pick<Opportunity, 'industry' | 'region' | 'products'>;
  readonly criteria: RequestCriteria;
  /** Advocates to leave out (e.g. already candidates of the request). */
  readonly exclude?: readonly string[];
  /** The request being matched: its own engagements do not make an advocate busy. */
  readonly requestId?: string;
  /**
   * `RATINGS_ONLY` scores as before issue 16 (requester ratings alone, no busy marker): kept
   * only so the benchmark can compare both in one run.
   */
  readonly scoring?: 'RATINGS_ONLY';
}

/** An advocate who can be asked, with the score and its per-criterion explanation. */
export interface RankedCandidate {
  readonly advocateId: string;
  readonly accountId: string;
  readonly ownerId?: string;
  readonly score: MatchScore;
  readonly consentId?: string;
  readonly consentExpiresAt?: Instant;
  /** Held by other open requests (empty when free): asks may still go out, but may wait. */
  readonly busy: readonly BusyHold[];
}

/** An advocate who would match but cannot be asked now, and why. */
export interface UnavailableCandidate {
  readonly advocateId: string;
  readonly score: MatchScore;
  readonly reasons: readonly AvailabilityReason[];
  readonly nextAvailableAt?: Instant;
  readonly busy: readonly BusyHold[];
}

export interface CandidateMatches {
  readonly available: readonly RankedCandidate[];
  readonly unavailable: readonly UnavailableCandidate[];
}

/** The match target of a recorded request, leaving out its current candidates; undefined if unknown. */
export function matchTargetOf(requests: RequestBoard, requestId: string): MatchTarget | undefined {
  const state = requests.requests.get(requestId)?.state;
  if (!state?.kind || !state.opportunity || !state.criteria) return undefined;
  return {
    kind: state.kind,
    opportunity: state.opportunity,
    criteria: state.criteria,
    exclude: Object.keys(state.candidates),
    requestId,
  };
}

/**
 * Ranked candidates for a request, scored with the domain's `matchScore`: those the consent,
 * fatigue and status gates allow at `at` (in the request's territory and channel) come
 * first, best first, and the best-matching ones the gates refuse follow with their reasons,
 * so a program manager sees whom they are missing and until when.
 *
 * Advocates are visited best first by their optimistic score (full fatigue headroom, the
 * only input the gates change), and the visit stops once no advocate left could still make
 * the top `limit`. The order comes from the inverted indexes: a bound read from the
 * postings of the request's criteria stands in for the score until an advocate reaches the
 * front, and only the pool of the most selective criterion is looked at unless the best of
 * it cannot fill the page. So the gates run on the few best and the cost follows the pool.
 *
 * The available page of `limit` k is the first k of every longer page (the domain's order,
 * ties by id). The refused ones are those that could have made this page but for the gates
 * (optimistic score ahead of the page's last), so a longer page may name more of them, and
 * ones that rank before those named on a shorter page.
 */
export function matchCandidates(
  directory: AdvocateDirectory,
  index: AdvocateSearchIndex,
  target: MatchTarget,
  at: Instant,
  limit = 20,
  orders?: MatchOrderCache,
): CandidateMatches {
  const policies = directory.program.policies;
  const excluded = new Set(target.exclude ?? []);
  const scope = { territory: target.criteria.territory, channel: target.criteria.channel };
  const twoSided = target.scoring !== 'RATINGS_ONLY';
  const request: MatchRequest = twoSided
    ? { opportunity: target.opportunity, criteria: target.criteria, kind: target.kind }
    : { opportunity: target.opportunity, criteria: target.criteria };
  // Live as the index files it (its status postings are of the same state), with a profile.
  const matchable = (id: string) => {
    if (excluded.has(id)) return undefined;
    const state = directory.advocate(id);
    return state?.attributes && (state.status === 'ACTIVE' || state.status === 'RESTING') ? state : undefined;
  };
  const freshness = { policy: policies.freshness, atMillis: Date.parse(at) };
  const order = orders
    ? orders.orderOf(directory, index, request, target.exclude ?? [], matchable, freshness)
    : matchOrder(directory, index, request, matchable, freshness);
  const { bounds } = order;
  const queue = new BestFirstQueue<Visit>([], (a, b) =>
    byKeyThenId(a.key, a.state.advocateId, b.key, b.state.advocateId),
  );
  // How many tiers of the order are in play, and how far each has been pulled into the queue.
  let inPlay = 1;
  const pulled: number[] = [0];
  // The next advocate of the tiers in play and the queue together: each tier is sorted by
  // ceiling, so its advocates join the queue only once one of them could come before the
  // queue's best.
  const peek = (): Visit | undefined => {
    for (;;) {
      const best = queue.peek();
      let from = -1;
      let next: Ceiling | undefined;
      for (let k = 0; k < inPlay; k++) {
        const candidate = order.tier(k)[pulled[k]!];
        if (
          candidate !== undefined &&
          (next === undefined ||
            byKeyThenId(candidate.ceiling, candidate.state.advocateId, next.ceiling, next.state.advocateId) <
              0)
        ) {
          next = candidate;
          from = k;
        }
      }
      if (next === undefined) return best;
      if (best && byKeyThenId(next.ceiling, next.state.advocateId, best.key, best.state.advocateId) > 0)
        return best;
      queue.add({ state: next.state, key: bounds.bound(next.state, freshness), exact: false });
      pulled[from]!++;
    }
  };

  const available: { candidate: MatchCandidate; found: RankedFacts }[] = [];
  const unavailable: { candidate: MatchCandidate; found: UnavailableFacts }[] = [];
  // The best `limit` available advocates found so far, in the domain's order (best total
  // first, ties by id): the page's last is the one to beat.
  const best: { readonly total: number; readonly advocateId: string }[] = [];
  // Whether an advocate with this optimistic score (never below its real one) comes after
  // the page's last. A tie on the score is beaten only by a larger id: the page's last may
  // have scored below its own optimistic score (used headroom), so it can be visited before
  // an advocate of the same real score and a smaller id, who ranks before it.
  const beaten = (score: number, advocateId: string) => {
    const last = best.length >= limit ? best[limit - 1] : undefined;
    return last !== undefined && byKeyThenId(score, advocateId, last.total, last.advocateId) > 0;
  };
  // Whether every advocate scoring at most `score`, whatever its id, comes after the page's last.
  const beatenWhoever = (score: number) => best.length >= limit && score < best[limit - 1]!.total;
  for (;;) {
    const next = peek();
    // Everybody outside the tiers in play scores at most the last one's outside bound.
    const outside = inPlay < order.tierCount ? bounds.tiers[inPlay - 1]?.outsideBound : undefined;
    if (outside !== undefined && (next === undefined || next.key <= outside)) {
      // An advocate outside the tiers in play may come next: bring in the next criterion's
      // (or, past the last, everybody left) unless none of them can make the page.
      if (beatenWhoever(outside)) break;
      pulled[inPlay++] = 0;
      continue;
    }
    if (next === undefined) break;
    if (!next.exact) {
      // The bound stood in for the score: score it and let it take its place.
      queue.take();
      const optimistic = matchCandidateOf(directory, next.state, target.kind, undefined, at, twoSided);
      queue.add({ state: next.state, key: matchScoreTotal(optimistic, request), exact: true });
      continue;
    }
    if (beaten(next.key, next.state.advocateId)) break;
    queue.take();
    const state = next.state;
    const advocateId = state.advocateId;
    const suppressions = activeSuppressions(directory.accountOf(state) ?? {});
    const availability = availabilityOf(state, target.kind, at, policies, scope, suppressions);
    const busy = twoSided ? busyHolds(state, target.requestId) : [];
    const candidate = matchCandidateOf(directory, state, target.kind, availability.headroom, at, twoSided);
    if (availability.available) {
      const account = directory.accountOf(state);
      available.push({
        candidate,
        found: {
          advocateId,
          accountId: state.accountId,
          ...(account?.ownerId !== undefined ? { ownerId: account.ownerId } : {}),
          ...(availability.consentId !== undefined ? { consentId: availability.consentId } : {}),
          ...(availability.consentExpiresAt !== undefined
            ? { consentExpiresAt: availability.consentExpiresAt }
            : {}),
          busy,
        },
      });
      const total = matchScoreTotal(candidate, request);
      const slot = best.findIndex((b) => byKeyThenId(total, advocateId, b.total, b.advocateId) < 0);
      best.splice(slot === -1 ? best.length : slot, 0, { total, advocateId });
      if (best.length > limit) best.pop();
    } else {
      unavailable.push({
        candidate,
        found: {
          advocateId,
          reasons: describeReasons(state, availability.reasons, at),
          ...(availability.nextAvailableAt !== undefined
            ? { nextAvailableAt: availability.nextAvailableAt }
            : {}),
          busy,
        },
      });
    }
  }
  return {
    available: ranked(available, request, limit),
    unavailable: ranked(unavailable, request, limit),
  };
}

// An advocate on the way to the gates: `key` is the bound until `exact`, then the optimistic score.
interface Visit {
  readonly state: AdvocateState;
  readonly key: number;
  readonly exact: boolean;
}

type RankedFacts = Omit<RankedCandidate, 'score'>;
type UnavailableFacts = Omit<UnavailableCandidate, 'score'>;

// The domain's ranking (best first, ties by id), joined back to what we found of each
// advocate; only the page shown is explained in words.
function ranked<F extends { advocateId: string }>(
  group: readonly { candidate: MatchCandidate; found: F }[],
  request: MatchRequest,
  limit: number,
): (F & { score: MatchScore })[] {
  return group
    .map((g) => ({ ...g, total: matchScoreTotal(g.candidate, request) }))
    .sort(
      (a, b) =>
        b.total - a.total ||
        (a.found.advocateId < b.found.advocateId ? -1 : a.found.advocateId > b.found.advocateId ? 1 : 0),
    )
    .slice(0, limit)
    .map((g) => ({ ...g.found, score: matchScore(g.candidate, request) }));
}

// What the domain's match score needs to know of one advocate (anonymised: no contact).
function matchCandidateOf(
  directory: AdvocateDirectory,
  state: AdvocateState,
  kind: ActivityKind,
  /** Engagements left in the window; `undefined` assumes the whole limit (an optimistic bound). */
  remaining: number | undefined,
  at: Instant,
  twoSided: boolean,
): MatchCandidate {
  const policies = directory.program.policies;
  const profile = directory.accountOf(state)?.profile;
  const limits = fatigueRules(policies.fatigue, state.preferences).limits.filter(
    (l) => l.kind === undefined || l.kind === kind,
  );
  const maxInWindow = Math.min(...limits.map((l) => l.max));
  const ratings: number[] = [];
  for (const e of Object.values(state.engagements)) if (e.rating !== undefined) ratings.push(e.rating);
  return {
    advocateId: state.advocateId,
    attributes: state.attributes!,
    account: {
      industry: profile?.industry ?? '',
      region: profile?.region ?? '',
      products: profile?.products ?? [],
    },
    freshness: profileFreshness(state, policies.freshness, at),
    headroom: { remaining: remaining ?? maxInWindow, max: maxInWindow },
    ratings,
    ...(twoSided ? { feedback: feedbackHistory(state) } : {}),
  };
}

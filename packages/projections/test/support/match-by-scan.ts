import {
  activeSuppressions,
  availabilityOf,
  fatigueRules,
  matchScoreTotal,
  rankCandidates,
  profileFreshness,
  type ActivityKind,
  type AdvocateState,
  type Instant,
  type MatchCandidate,
  type MatchRequest,
  type MatchScore,
} from '@vouch/domain';
import type { AdvocateDirectory } from '../../src/advocate-directory';
import { describeReasons } from '../../src/advocate-availability';
import { busyHolds } from '../../src/advocate-busy';
import { feedbackHistory } from '../../src/advocate-feedback-history';
import type { AdvocateSearchIndex } from '../../src/advocate-search-index';
import type {
  CandidateMatches,
  MatchTarget,
  RankedCandidate,
  UnavailableCandidate,
} from '../../src/candidate-matching';

// The matching of issue 15's baseline, kept as the reference the index-based one must
// equal: it scores every live advocate for the optimistic bound, sorts them all, and
// checks the gates best first until nobody left can make the page. Issue 16 added the
// suppression gate, the busy marker and two-sided feedback weighted by the asked kind (unless
// the target asks for the old `RATINGS_ONLY` scoring).

/**
 * The brute-force reference: every live advocate is scored with the domain's
 * `matchScore`; those the consent, fatigue and status gates allow at `at` (in the
 * request's territory and channel) come first, best first, and the best-matching ones the
 * gates refuse follow with their reasons, so a program manager sees whom they are missing
 * and until when.
 *
 * Checking the gates is the expensive part, so it runs best-first on an optimistic score
 * (full fatigue headroom, the only input the gates change) and stops once no advocate
 * left could still make the top `limit`.
 */
export function matchCandidatesByScan(
  directory: AdvocateDirectory,
  index: AdvocateSearchIndex,
  target: MatchTarget,
  at: Instant,
  limit = 20,
): CandidateMatches {
  const policies = directory.program.policies;
  const excluded = new Set(target.exclude ?? []);
  const scope = { territory: target.criteria.territory, channel: target.criteria.channel };
  const twoSided = target.scoring !== 'RATINGS_ONLY';
  const request: MatchRequest = twoSided
    ? { opportunity: target.opportunity, criteria: target.criteria, kind: target.kind }
    : { opportunity: target.opportunity, criteria: target.criteria };
  const optimistic: { state: AdvocateState; bound: number }[] = [];
  for (const status of ['ACTIVE', 'RESTING'] as const) {
    for (const advocateId of index.posting('status', status)) {
      const state = directory.advocate(advocateId);
      if (!state?.attributes || excluded.has(advocateId)) continue;
      const candidate = matchCandidateOf(directory, state, target.kind, undefined, at, twoSided);
      optimistic.push({ state, bound: matchScoreTotal(candidate, request) });
    }
  }
  optimistic.sort((a, b) => b.bound - a.bound || (a.state.advocateId < b.state.advocateId ? -1 : 1));

  const available: { candidate: MatchCandidate; found: RankedFacts }[] = [];
  const unavailable: { candidate: MatchCandidate; found: UnavailableFacts }[] = [];
  // The available ones found so far, best first (ties by id).
  const best: { total: number; advocateId: string }[] = [];
  const after = (total: number, id: string, other: { total: number; advocateId: string }) =>
    other.total - total || (id < other.advocateId ? -1 : id > other.advocateId ? 1 : 0);
  for (const { state, bound } of optimistic) {
    // Nobody from here on can beat the limit-th available advocate found so far: later ones
    // have a lower optimistic score, or the same and a larger id. A tie on the score loses
    // only with a larger id, as the limit-th may score below its own optimistic score.
    const last = best[limit - 1];
    if (last !== undefined && after(bound, state.advocateId, last) > 0) break;
    const advocateId = state.advocateId;
    const suppressions = activeSuppressions(directory.accountOf(state) ?? {});
    const availability = availabilityOf(state, target.kind, at, policies, scope, suppressions);
    const candidate = matchCandidateOf(directory, state, target.kind, availability.headroom, at, twoSided);
    const busy = twoSided ? busyHolds(state, target.requestId) : [];
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
      const slot = best.findIndex((b) => after(total, advocateId, b) < 0);
      best.splice(slot === -1 ? best.length : slot, 0, { total, advocateId });
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

type RankedFacts = Omit<RankedCandidate, 'score'>;
type UnavailableFacts = Omit<UnavailableCandidate, 'score'>;

// The domain's ranking (best first, ties by id), joined back to what we found of each advocate.
function ranked<F extends { advocateId: string }>(
  group: readonly { candidate: MatchCandidate; found: F }[],
  request: MatchRequest,
  limit: number,
): (F & { score: MatchScore })[] {
  const facts = new Map(group.map((g) => [g.found.advocateId, g.found]));
  return rankCandidates(
    group.map((g) => g.candidate),
    request,
  )
    .slice(0, limit)
    .map((score) => ({ ...facts.get(score.advocateId)!, score }));
}

/** What the domain's match score needs to know of one advocate (anonymised: no contact). */
export function matchCandidateOf(
  directory: AdvocateDirectory,
  state: AdvocateState,
  kind: ActivityKind,
  /** Engagements left in the window; `undefined` assumes the whole limit (an optimistic bound). */
  remaining: number | undefined,
  at: Instant,
  twoSided = true,
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

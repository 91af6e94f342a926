import type { AdvocateState } from '../advocate/advocate-state';
import type { FreshnessPolicy } from '../program/program-policies';
import { daysBetween, type Instant } from '../shared/time';

/** FRESH: verified recently; DUE: time to verify; STALE: not to be trusted until verified. */
export type Freshness = 'FRESH' | 'DUE' | 'STALE';

/**
 * How fresh an advocate's profile is at `now`. An unanswered verification request makes the
 * profile stale at once: data freshness is a feature, not an afterthought.
 */
export function profileFreshness(
  state: Pick<AdvocateState, 'lastVerifiedAt' | 'verificationLapsedAt'>,
  policy: FreshnessPolicy,
  now: Instant,
): Freshness {
  if (state.lastVerifiedAt === undefined || state.verificationLapsedAt !== undefined) return 'STALE';
  const age = daysBetween(state.lastVerifiedAt, now);
  if (age >= policy.staleAfterDays) return 'STALE';
  if (age >= policy.verifyEveryDays) return 'DUE';
  return 'FRESH';
}

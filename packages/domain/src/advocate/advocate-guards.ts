import { invalidTransition, notFound } from '../shared/guards';
import type { Instant } from '../shared/time';
import type { EngagementReleased } from './advocate-events';
import { effectiveStatus, type AdvocateState, type AdvocateStatus } from './advocate-state';
import { isPending, type Engagement, type EngagementReleaseReason } from './engagement';

/** Every status of an enrolled advocate that has not been erased. */
export const LIVE: readonly AdvocateStatus[] = [
  'CANDIDATE',
  'ACTIVE',
  'RESTING',
  'RETIRED',
  'DO_NOT_CONTACT',
];

/** Refuses a command from any status but `allowed` (invariant 7), reading a finished rest as ACTIVE. */
export function requireStatus(
  state: AdvocateState,
  allowed: readonly AdvocateStatus[],
  command: string,
  now: Instant,
): void {
  const status = effectiveStatus(state, now);
  if (!allowed.includes(status)) throw invalidTransition('Advocate', state.advocateId, status, command);
}

/** Every command but enrolment needs an enrolled advocate that has not been erased. */
export function requireEnrolled(state: AdvocateState, command: string): void {
  if (state.status === 'NONE') throw notFound('Advocate', '(not enrolled)');
  if (state.status === 'ERASED') throw invalidTransition('Advocate', state.advocateId, 'ERASED', command);
}

/** The engagement with this id, in one of the `allowed` statuses. */
export function requireEngagement(
  state: AdvocateState,
  engagementId: string,
  allowed: readonly Engagement['status'][],
  command: string,
): Engagement {
  const engagement = state.engagements[engagementId];
  if (!engagement) throw notFound('Engagement', engagementId);
  if (!allowed.includes(engagement.status)) {
    throw invalidTransition('Engagement', engagement.engagementId, engagement.status, command);
  }
  return engagement;
}

/** Releases every pending engagement `which` selects, for `reason`. */
export function releaseAll(
  state: AdvocateState,
  which: (e: Engagement) => boolean,
  reason: EngagementReleaseReason,
  now: Instant,
): EngagementReleased[] {
  return Object.values(state.engagements)
    .filter((e) => isPending(e) && which(e))
    .map((e) => ({
      type: 'EngagementReleased',
      data: {
        advocateId: state.advocateId,
        engagementId: e.engagementId,
        ...(e.requestId !== undefined ? { requestId: e.requestId } : {}),
        kind: e.kind,
        reason,
        releasedAt: now,
      },
    }));
}

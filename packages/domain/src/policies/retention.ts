import type { AdvocateState } from '../advocate/advocate-state';
import type { RetentionPolicy } from '../program/program-policies';
import { addDays, isAfter, type Instant } from '../shared/time';

/**
 * When a retired advocate's personal data is due for erasure under the retention policy,
 * or `undefined` while they are not retired (or already erased).
 */
export function retentionErasureDueAt(
  state: Pick<AdvocateState, 'status' | 'retiredAt'>,
  policy: RetentionPolicy,
): Instant | undefined {
  if (state.status !== 'RETIRED' || state.retiredAt === undefined) return undefined;
  return addDays(state.retiredAt, policy.retainRetiredAdvocateDays);
}

/** Whether the retention period of a retired advocate has run out at `now`. */
export function isRetentionExpired(
  state: Pick<AdvocateState, 'status' | 'retiredAt'>,
  policy: RetentionPolicy,
  now: Instant,
): boolean {
  const due = retentionErasureDueAt(state, policy);
  return due !== undefined && !isAfter(due, now);
}

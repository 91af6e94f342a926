import type { ReferenceRequestState } from '../reference-request/reference-request-state';
import type { RequestSlaPolicy } from '../program/program-policies';
import { addDays, addHours, isAfter, type Instant } from '../shared/time';

/** ON_TRACK, AT_RISK (less than a fifth of the time left) or BREACHED; MET once fulfilled in time. */
export type SlaState = 'ON_TRACK' | 'AT_RISK' | 'BREACHED' | 'MET';

export interface RequestSla {
  readonly triageDueAt: Instant;
  readonly fulfilDueAt: Instant;
  readonly state: SlaState;
}

/**
 * The SLA of a request at `now`: triage within the policy's hours, fulfilment within its
 * days or by the requester's due date, whichever is earlier.
 */
export function requestSla(
  request: Pick<ReferenceRequestState, 'status' | 'submittedAt' | 'dueBy' | 'priority'>,
  policy: RequestSlaPolicy,
  now: Instant,
  fulfilledAt?: Instant,
): RequestSla {
  const submittedAt = request.submittedAt ?? now;
  const triageDueAt = addHours(submittedAt, policy.triageWithinHours);
  const byPolicy = addDays(submittedAt, policy.fulfilWithinDays);
  const fulfilDueAt = request.dueBy && isAfter(byPolicy, request.dueBy) ? request.dueBy : byPolicy;
  const done = ['FULFILLED', 'COMPLETED', 'CLOSED'].includes(request.status);
  if (done) {
    const at = fulfilledAt ?? now;
    return { triageDueAt, fulfilDueAt, state: isAfter(at, fulfilDueAt) ? 'BREACHED' : 'MET' };
  }
  const triageLate = request.status === 'SUBMITTED' && isAfter(now, triageDueAt);
  if (triageLate || isAfter(now, fulfilDueAt)) return { triageDueAt, fulfilDueAt, state: 'BREACHED' };
  const total = Date.parse(fulfilDueAt) - Date.parse(submittedAt);
  const left = Date.parse(fulfilDueAt) - Date.parse(now);
  return { triageDueAt, fulfilDueAt, state: left < total / 5 ? 'AT_RISK' : 'ON_TRACK' };
}

import type { ReserveEngagement } from '../advocate/advocate-commands';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import type { Instant } from '../shared/time';
import type { AskAdvocate } from './reference-request-commands';
import type { ReferenceRequestState } from './reference-request-state';

/**
 * The advocate's side of an ask: the reservation the request's `AskAdvocate` needs of the
 * advocate, where the status, consent and fatigue gates hold. It carries the owner's clearance
 * recorded on the request, the request's kind and scope, and a program manager's fatigue
 * override when the ask has one (as scheduling does).
 */
export function reservationForAsk(
  request: ReferenceRequestState,
  ask: AskAdvocate['data'] & { readonly activityAt?: Instant },
  pmFulfilledBy?: string,
): ReserveEngagement['data'] {
  const candidate = request.candidates[ask.advocateId];
  const cleared = candidate?.clearedBy !== undefined || pmFulfilledBy !== undefined;
  if (!candidate || !cleared || !request.kind || !request.criteria) {
    throw new DomainError(
      DomainErrorCode.OWNER_APPROVAL_REQUIRED,
      'The ask has not been cleared by the account owner.',
      {
        advocateId: ask.advocateId,
      },
    );
  }
  return {
    engagementId: ask.engagementId,
    requestId: request.requestId,
    kind: request.kind,
    territory: request.criteria.territory,
    channel: request.criteria.channel,
    ...(ask.activityAt !== undefined ? { activityAt: ask.activityAt } : {}),
    ownerClearance:
      candidate.clearedBy === undefined && pmFulfilledBy !== undefined
        ? { kind: 'PM_FULFILLED', by: pmFulfilledBy }
        : {
            kind: candidate.clearance ?? 'OWNER',
            by: candidate.clearedBy ?? '',
            ...(candidate.clearanceReason !== undefined ? { reason: candidate.clearanceReason } : {}),
          },
    ...(ask.fatigueOverrideReason !== undefined ? { fatigueOverrideReason: ask.fatigueOverrideReason } : {}),
  };
}

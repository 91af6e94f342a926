import { preApprovalsCovering } from '../advocate/self-serve-pool';
import { requestModeFor } from '../program/request-modes';
import type { Command, DomainEvent } from '../shared/domain-event';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { alreadyExists } from '../shared/guards';
import type { Instant } from '../shared/time';
import { validated } from '../shared/validator';
import type { ReferenceRequestDecisionContext } from './reference-request-decision-context';
import type { ReferenceRequestState } from './reference-request-state';
import { OPEN, requireRequestStatus } from './request-guards';

// Self-serve (request mode SELF_SERVE): the requester takes an advocate the account owner
// pre-approved, with no per-ask approval; the owner is told by the event that records it.

/** The requester takes an advocate from the self-serve pool for their own request. */
export type TakeFromSelfServePool = Command<
  'TakeFromSelfServePool',
  {
    advocateId: string;
    /** The engagement reserved for the ask (derived from the request and the advocate). */
    engagementId: string;
    /** When the activity is expected; now when omitted. The pre-approval and consent must cover it. */
    activityAt?: Instant;
  }
>;

/** An advocate was taken from the owner's self-serve pool; names the owner, who is notified. */
export type AdvocateTakenFromPool = DomainEvent<
  'AdvocateTakenFromPool',
  {
    requestId: string;
    advocateId: string;
    accountId: string;
    /** The account owner whose pre-approval cleared the ask (and who is notified). */
    ownerId: string;
    preApprovalId: string;
    engagementId: string;
    takenBy: string;
    takenAt: Instant;
  }
>;

/** The payload parser of a self-serve take. */
export const selfServeRequestParsers = {
  TakeFromSelfServePool: (d: TakeFromSelfServePool['data'], context: ReferenceRequestDecisionContext) =>
    validated((v) => {
      const activityAt = v.optionalInstant('activityAt', d.activityAt) ?? context.now;
      v.order('activityAt', context.now, activityAt, 'must not be in the past', false);
      return {
        advocateId: v.id('advocateId', d.advocateId),
        engagementId: v.id('engagementId', d.engagementId),
        activityAt,
      };
    }),
};

/** The program must have set self-serve for the request's kind. */
export function requireSelfServeMode(
  state: ReferenceRequestState,
  context: ReferenceRequestDecisionContext,
): void {
  const kind = state.kind ?? 'REFERENCE_CALL';
  const mode = requestModeFor(context.policies?.requestModes, kind);
  if (mode === 'SELF_SERVE') return;
  throw new DomainError(
    DomainErrorCode.REQUEST_MODE_NOT_ALLOWED,
    `Requests for ${kind} are ${mode} in this program, not self-serve: ask through the program.`,
    { requestId: state.requestId, kind, mode },
  );
}

/** Self-serve is the requester's own: a rep takes for their own request only. */
function requireRequester(state: ReferenceRequestState, context: ReferenceRequestDecisionContext): void {
  if (state.requestedBy === context.actor.userId) return;
  throw new DomainError(
    DomainErrorCode.FORBIDDEN,
    'Only the requester takes advocates for their own request.',
    {
      requestId: state.requestId,
    },
  );
}

function takeFromSelfServePool(
  d: ReturnType<(typeof selfServeRequestParsers)['TakeFromSelfServePool']>,
  state: ReferenceRequestState,
  context: ReferenceRequestDecisionContext,
): AdvocateTakenFromPool[] {
  requireRequestStatus(state, OPEN, 'TakeFromSelfServePool');
  requireRequester(state, context);
  requireSelfServeMode(state, context);
  if (state.candidates[d.advocateId]) throw alreadyExists('Candidate', d.advocateId);
  const pool = context.selfServePoolOf?.(d.advocateId);
  const kind = state.kind ?? 'REFERENCE_CALL';
  const [approval] = preApprovalsCovering(pool?.preApprovals, kind, [context.now, d.activityAt]);
  if (!pool || !approval) {
    throw new DomainError(
      DomainErrorCode.OWNER_APPROVAL_REQUIRED,
      `Advocate ${d.advocateId} is not in the self-serve pool for ${kind}: the account owner has not pre-approved it.`,
      { requestId: state.requestId, advocateId: d.advocateId, kind },
    );
  }
  return [
    {
      type: 'AdvocateTakenFromPool',
      data: {
        requestId: state.requestId,
        advocateId: d.advocateId,
        accountId: pool.accountId,
        ownerId: approval.approvedBy,
        preApprovalId: approval.preApprovalId,
        engagementId: d.engagementId,
        takenBy: context.actor.userId,
        takenAt: context.now,
      },
    },
  ];
}

/** The rule of self-serve takes. */
export const selfServeRequestRules = { TakeFromSelfServePool: takeFromSelfServePool };

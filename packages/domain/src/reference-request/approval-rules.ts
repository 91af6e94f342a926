import { requireOwnerDecides } from '../account/owner-gate';
import { requireProgramManager } from '../shared/guards';
import { validated } from '../shared/validator';
import type { ReferenceRequestDecisionContext } from './reference-request-decision-context';
import type {
  ApproveAsk,
  DeclineAsk,
  OverrideOwnerApproval,
  RequestOwnerApproval,
} from './reference-request-commands';
import type { ReferenceRequestEvent } from './reference-request-events';
import type { Candidate, ReferenceRequestState } from './reference-request-state';
import { requireCandidate, requireRequestStatus, WORKING } from './request-guards';

// Owner approval (invariant 3): the account owner clears each ask, or a program manager overrides.

/** The payload parsers of owner-approval commands. */
export const approvalParsers = {
  RequestOwnerApproval: (d: RequestOwnerApproval['data']) =>
    validated((v) => v.id('advocateId', d.advocateId)),
  ApproveAsk: (d: ApproveAsk['data']) =>
    validated((v) => ({
      advocateId: v.id('advocateId', d.advocateId),
      note: v.optionalText('note', d.note, { max: 1000 }),
    })),
  // A decline must say why: hoarded pocket references show up in the record.
  DeclineAsk: (d: DeclineAsk['data']) =>
    validated((v) => ({
      advocateId: v.id('advocateId', d.advocateId),
      reason: v.text('reason', d.reason, { max: 1000 }),
    })),
  OverrideOwnerApproval: (d: OverrideOwnerApproval['data']) =>
    validated((v) => ({
      advocateId: v.id('advocateId', d.advocateId),
      reason: v.text('reason', d.reason, { max: 1000 }),
    })),
};

type Input<K extends keyof typeof approvalParsers> = ReturnType<(typeof approvalParsers)[K]>;

function requestOwnerApproval(
  advocateId: string,
  state: ReferenceRequestState,
  context: ReferenceRequestDecisionContext,
): ReferenceRequestEvent[] {
  requireRequestStatus(state, WORKING, 'RequestOwnerApproval');
  const c = requireCandidate(state, advocateId, ['SHORTLISTED'], 'RequestOwnerApproval');
  return [
    {
      type: 'OwnerApprovalRequested',
      data: { requestId: state.requestId, advocateId, ownerId: c.ownerId, requestedAt: context.now },
    },
  ];
}

/** The candidate an owner may decide on, once the acting user is checked to act for the account. */
function candidateForOwner(
  state: ReferenceRequestState,
  advocateId: string,
  context: ReferenceRequestDecisionContext,
  command: string,
): Candidate {
  requireRequestStatus(state, WORKING, command);
  const c = requireCandidate(state, advocateId, ['SHORTLISTED', 'APPROVAL_REQUESTED'], command);
  // The owner of the advocate's account now, or a colleague they delegated it to (invariant 11).
  requireOwnerDecides(c, context.accountActors?.(c.accountId) ?? [c.ownerId], context.actor.userId);
  return c;
}

function approveAsk(
  d: Input<'ApproveAsk'>,
  state: ReferenceRequestState,
  context: ReferenceRequestDecisionContext,
): ReferenceRequestEvent[] {
  const c = candidateForOwner(state, d.advocateId, context, 'ApproveAsk');
  const note = d.note !== undefined ? { note: d.note } : {};
  const approval = {
    advocateId: c.advocateId,
    ownerId: context.actor.userId,
    ...note,
    approvedAt: context.now,
  };
  return [{ type: 'AskApprovedByOwner', data: { requestId: state.requestId, ...approval } }];
}

function declineAsk(
  d: Input<'DeclineAsk'>,
  state: ReferenceRequestState,
  context: ReferenceRequestDecisionContext,
): ReferenceRequestEvent[] {
  const c = candidateForOwner(state, d.advocateId, context, 'DeclineAsk');
  const decline = { advocateId: c.advocateId, ownerId: context.actor.userId, reason: d.reason };
  return [
    { type: 'AskDeclinedByOwner', data: { requestId: state.requestId, ...decline, declinedAt: context.now } },
  ];
}

function overrideOwnerApproval(
  d: Input<'OverrideOwnerApproval'>,
  state: ReferenceRequestState,
  context: ReferenceRequestDecisionContext,
): ReferenceRequestEvent[] {
  requireProgramManager(context.actor, "override the account owner's approval");
  requireRequestStatus(state, WORKING, 'OverrideOwnerApproval');
  const allowed = ['SHORTLISTED', 'APPROVAL_REQUESTED', 'OWNER_DECLINED'] as const;
  const c = requireCandidate(state, d.advocateId, allowed, 'OverrideOwnerApproval');
  return [
    {
      type: 'OwnerApprovalOverridden',
      data: {
        requestId: state.requestId,
        advocateId: c.advocateId,
        overriddenBy: context.actor.userId,
        reason: d.reason,
        overriddenAt: context.now,
      },
    },
  ];
}

/** The rules of owner approval, one per command. */
export const approvalRules = {
  RequestOwnerApproval: requestOwnerApproval,
  ApproveAsk: approveAsk,
  DeclineAsk: declineAsk,
  OverrideOwnerApproval: overrideOwnerApproval,
};

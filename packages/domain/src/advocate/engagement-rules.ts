import { requireOwnerClearance } from '../account/owner-gate';
import { requireAccountNotSuppressed } from '../account/suppression-gate';
import { requireConsent } from '../consent/consent-gate';
import { requireFatigueAllowance } from '../policies/fatigue-gate';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { alreadyExists, invalidTransition, requireNotBeforeAsk } from '../shared/guards';
import type { AdvocateDecisionContext } from './advocate-decision-context';
import type { AdvocateEvent } from './advocate-events';
import { requireEngagement } from './advocate-guards';
import { requireSelfServePreApproval } from './self-serve-pool';
import { effectiveStatus, type AdvocateState } from './advocate-state';
import type { EngagementInput as Input } from './engagement-parsers';

// Engagement: one advocate reserved for one activity, from the ask to its completion.

/** Invariant 4: only an active advocate is asked; RESTING only once the rest has ended. */
function requireAskable(state: AdvocateState, context: AdvocateDecisionContext): void {
  const status = effectiveStatus(state, context.now);
  if (status === 'ACTIVE') return;
  const { advocateId, restingUntil } = state;
  throw new DomainError(
    DomainErrorCode.ADVOCATE_UNAVAILABLE,
    `Advocate ${advocateId} is ${status}${status === 'RESTING' ? ` until ${restingUntil}` : ''} and cannot be asked. Choose another advocate.`,
    { advocateId, status, ...(restingUntil ? { restingUntil } : {}) },
  );
}

/** The ask, on the advocate's side: the status, owner, consent and fatigue gates all hold here. */
function reserveEngagement(
  input: Input<'ReserveEngagement'>,
  state: AdvocateState,
  context: AdvocateDecisionContext,
): AdvocateEvent[] {
  if (state.engagements[input.engagementId]) throw alreadyExists('Engagement', input.engagementId);
  requireAskable(state, context);
  requireAccountNotSuppressed(state.advocateId, context.accountSuppressions ?? []);
  requireOwnerClearance(state.advocateId, input.clearance, context.actor);
  // Self-serve: no per-ask approval, so the owner's pre-approval must cover this ask.
  const pool =
    input.clearance.kind === 'SELF_SERVE'
      ? requireSelfServePreApproval(state, input.kind, [context.now, input.activityAt])
      : undefined;
  const scope = { territory: input.territory, channel: input.channel };
  const verdict = requireConsent(state, input.kind, scope, [context.now, input.activityAt]);
  const fatigueOverride = requireFatigueAllowance(
    state,
    input.kind,
    input.activityAt,
    context,
    input.fatigueOverrideReason,
  );
  const { clearance, fatigueOverrideReason: _reason, ...rest } = input;
  return [
    {
      type: 'EngagementReserved',
      data: {
        advocateId: state.advocateId,
        ...rest,
        consentId: verdict.consent.consentId,
        consentVersion: verdict.consent.version,
        ownerClearance: {
          kind: clearance.kind,
          by: pool?.approvedBy ?? clearance.by,
          ...(pool ? { reason: `self-serve pre-approval ${pool.preApprovalId}` } : {}),
          ...(!pool && clearance.reason !== undefined ? { reason: clearance.reason } : {}),
        },
        ...(fatigueOverride ? { fatigueOverride } : {}),
        reservedAt: context.now,
      },
    },
  ];
}

function acceptEngagement(
  engagementId: string,
  state: AdvocateState,
  context: AdvocateDecisionContext,
): AdvocateEvent[] {
  const e = requireEngagement(state, engagementId, ['RESERVED'], 'AcceptEngagement');
  return [
    {
      type: 'EngagementAccepted',
      data: {
        advocateId: state.advocateId,
        engagementId: e.engagementId,
        ...(e.requestId ? { requestId: e.requestId } : {}),
        acceptedAt: context.now,
      },
    },
  ];
}

function approveUse(
  input: Input<'ApproveUse'>,
  state: AdvocateState,
  context: AdvocateDecisionContext,
): AdvocateEvent[] {
  const e = requireEngagement(state, input.engagementId, ['RESERVED', 'ACCEPTED', 'SCHEDULED'], 'ApproveUse');
  return [
    {
      type: 'UseApproved',
      data: {
        advocateId: state.advocateId,
        engagementId: e.engagementId,
        evidence: input.evidence,
        approvedAt: context.now,
      },
    },
  ];
}

/** The consent and fatigue gates hold again at the scheduled date. */
function scheduleEngagement(
  input: Input<'ScheduleEngagement'>,
  state: AdvocateState,
  context: AdvocateDecisionContext,
): AdvocateEvent[] {
  const e = requireEngagement(state, input.engagementId, ['ACCEPTED', 'SCHEDULED'], 'ScheduleEngagement');
  const scope = { territory: e.territory, channel: e.channel };
  const verdict = requireConsent(state, e.kind, scope, [context.now, input.at], e.engagementId);
  const fatigueOverride = requireFatigueAllowance(
    state,
    e.kind,
    input.at,
    context,
    input.fatigueOverrideReason,
    e.engagementId,
  );
  return [
    {
      type: 'EngagementScheduled',
      data: {
        advocateId: state.advocateId,
        engagementId: e.engagementId,
        ...(e.requestId ? { requestId: e.requestId } : {}),
        at: input.at,
        consentId: verdict.consent.consentId,
        consentVersion: verdict.consent.version,
        ...(fatigueOverride ? { fatigueOverride } : {}),
      },
    },
  ];
}

/** The use itself: lawful only under a consent in force when it happened; the event names it. */
function completeEngagement(
  input: Input<'CompleteEngagement'>,
  state: AdvocateState,
  _context: AdvocateDecisionContext,
): AdvocateEvent[] {
  const { completedAt } = input;
  const e = requireEngagement(state, input.engagementId, ['SCHEDULED'], 'CompleteEngagement');
  requireNotBeforeAsk(completedAt, e.reservedAt);
  const scope = { territory: e.territory, channel: e.channel };
  const verdict = requireConsent(state, e.kind, scope, [completedAt], e.engagementId);
  const { consentId, version: consentVersion } = verdict.consent;
  if (verdict.consent.perUseApprovalRequired && !e.useApproved) {
    throw new DomainError(
      DomainErrorCode.PER_USE_APPROVAL_REQUIRED,
      `Consent ${consentId} asks for the advocate's approval of each use; record it (ApproveUse) before completing.`,
      { advocateId: state.advocateId, engagementId: e.engagementId, consentId },
    );
  }
  const request = e.requestId ? { requestId: e.requestId } : {};
  const done = {
    engagementId: e.engagementId,
    ...request,
    kind: e.kind,
    completedAt,
    consentId,
    consentVersion,
  };
  return [{ type: 'EngagementCompleted', data: { advocateId: state.advocateId, ...done } }];
}

function releaseEngagement(
  input: Input<'ReleaseEngagement'>,
  state: AdvocateState,
  context: AdvocateDecisionContext,
): AdvocateEvent[] {
  const e = requireEngagement(
    state,
    input.engagementId,
    ['RESERVED', 'ACCEPTED', 'SCHEDULED'],
    'ReleaseEngagement',
  );
  return [
    {
      type: 'EngagementReleased',
      data: {
        advocateId: state.advocateId,
        engagementId: e.engagementId,
        ...(e.requestId ? { requestId: e.requestId } : {}),
        kind: e.kind,
        reason: input.reason,
        ...(input.note !== undefined ? { note: input.note } : {}),
        releasedAt: context.now,
      },
    },
  ];
}

function recordEngagementFeedback(
  input: Input<'RecordEngagementFeedback'>,
  state: AdvocateState,
  context: AdvocateDecisionContext,
): AdvocateEvent[] {
  const e = requireEngagement(state, input.engagementId, ['COMPLETED'], 'RecordEngagementFeedback');
  if (e.rating !== undefined)
    throw invalidTransition('Engagement', e.engagementId, 'RATED', 'RecordEngagementFeedback');
  return [
    {
      type: 'EngagementFeedbackRecorded',
      data: {
        advocateId: state.advocateId,
        engagementId: e.engagementId,
        rating: input.rating,
        ...(input.topicFit !== undefined ? { topicFit: input.topicFit } : {}),
        ...(input.comment !== undefined ? { comment: input.comment } : {}),
        recordedBy: context.actor.userId,
      },
    },
  ];
}

/** The rules of engagements, one per command. */
export const engagementRules = {
  ReserveEngagement: reserveEngagement,
  AcceptEngagement: acceptEngagement,
  ApproveUse: approveUse,
  ScheduleEngagement: scheduleEngagement,
  CompleteEngagement: completeEngagement,
  ReleaseEngagement: releaseEngagement,
  RecordEngagementFeedback: recordEngagementFeedback,
};

import { requireOwnerApproved } from '../account/owner-gate';
import { pmFulfils } from '../program/request-modes';
import { ENGAGEMENT_RELEASE_REASONS } from '../advocate/engagement';
import { invalidTransition, requireNotBeforeAsk } from '../shared/guards';
import { validated } from '../shared/validator';
import type { ReferenceRequestDecisionContext } from './reference-request-decision-context';
import type {
  AskAdvocate,
  CompleteActivity,
  RecordAdvocateResponse,
  RecordRequestFeedback,
  ReleaseCandidate,
  ScheduleActivity,
} from './reference-request-commands';
import type { ReferenceRequestEvent } from './reference-request-events';
import type { ReferenceRequestState } from './reference-request-state';
import {
  OPEN,
  requireCandidate,
  requireRequestStatus,
  requireRequesterOrManager,
  WORKING,
} from './request-guards';

// Asks and activities: each cleared candidate is asked, answers, is scheduled and takes part.

function parseScheduleActivity(d: ScheduleActivity['data'], context: ReferenceRequestDecisionContext) {
  return validated((v) => {
    const at = v.instant('at', d.at);
    v.order('at', context.now, at, 'must not be in the past', false);
    return { advocateId: v.id('advocateId', d.advocateId), at };
  });
}

function parseCompleteActivity(d: CompleteActivity['data'], context: ReferenceRequestDecisionContext) {
  return validated((v) => {
    const completedAt = v.optionalInstant('completedAt', d.completedAt) ?? context.now;
    v.order('completedAt', completedAt, context.now, 'must not be in the future', false);
    return { advocateId: v.id('advocateId', d.advocateId), completedAt };
  });
}

/** The payload parsers of ask and activity commands. */
export const activityParsers = {
  AskAdvocate: (d: AskAdvocate['data']) =>
    validated((v) => ({
      advocateId: v.id('advocateId', d.advocateId),
      engagementId: v.id('engagementId', d.engagementId),
      fatigueOverrideReason: v.optionalText('fatigueOverrideReason', d.fatigueOverrideReason, { max: 1000 }),
    })),
  RecordAdvocateResponse: (d: RecordAdvocateResponse['data']) =>
    validated((v) => ({
      advocateId: v.id('advocateId', d.advocateId),
      accepted: v.boolean('accepted', d.accepted),
      reason: v.optionalText('reason', d.reason, { max: 1000 }),
    })),
  ScheduleActivity: parseScheduleActivity,
  CompleteActivity: parseCompleteActivity,
  RecordRequestFeedback: (d: RecordRequestFeedback['data']) =>
    validated((v) => ({
      advocateId: v.id('advocateId', d.advocateId),
      rating: v.integer('rating', d.rating, { min: 1, max: 5 }),
      topicFit: v.optionalInteger('topicFit', d.topicFit, { min: 1, max: 5 }),
      comment: v.optionalText('comment', d.comment, { max: 2000 }),
    })),
  ReleaseCandidate: (d: ReleaseCandidate['data']) =>
    validated((v) => ({
      advocateId: v.id('advocateId', d.advocateId),
      reason: v.oneOf('reason', d.reason, ENGAGEMENT_RELEASE_REASONS),
    })),
};

type Input<K extends keyof typeof activityParsers> = ReturnType<(typeof activityParsers)[K]>;

/**
 * The request's side of an ask: the owner gate (invariant 3) holds here. The advocate's side
 * (status, consent and fatigue gates, with a program manager's fatigue override when the ask
 * carries one) is the reservation `reservationForAsk` derives from this ask.
 */
function askAdvocate(
  d: Input<'AskAdvocate'>,
  state: ReferenceRequestState,
  context: ReferenceRequestDecisionContext,
): ReferenceRequestEvent[] {
  requireRequestStatus(state, WORKING, 'AskAdvocate');
  const allowed = ['SHORTLISTED', 'APPROVAL_REQUESTED', 'OWNER_APPROVED', 'OWNER_DECLINED'] as const;
  const c = requireCandidate(state, d.advocateId, allowed, 'AskAdvocate');
  const pmFulfilled = pmFulfils(context.policies?.requestModes, state.kind, context.actor);
  const clearance = requireOwnerApproved(c, pmFulfilled);
  const ask = { advocateId: c.advocateId, engagementId: d.engagementId, clearance };
  return [
    {
      type: 'AdvocateAsked',
      data: { requestId: state.requestId, ...ask, askedBy: context.actor.userId, askedAt: context.now },
    },
  ];
}

function recordAdvocateResponse(
  d: Input<'RecordAdvocateResponse'>,
  state: ReferenceRequestState,
  context: ReferenceRequestDecisionContext,
): ReferenceRequestEvent[] {
  requireRequestStatus(state, WORKING, 'RecordAdvocateResponse');
  const c = requireCandidate(state, d.advocateId, ['ASKED'], 'RecordAdvocateResponse');
  const answer = { requestId: state.requestId, advocateId: c.advocateId, engagementId: c.engagementId ?? '' };
  if (d.accepted) return [{ type: 'AdvocateAcceptedRequest', data: { ...answer, acceptedAt: context.now } }];
  const reason = d.reason !== undefined ? { reason: d.reason } : {};
  return [{ type: 'AdvocateDeclinedRequest', data: { ...answer, ...reason, declinedAt: context.now } }];
}

function scheduleActivity(
  d: Input<'ScheduleActivity'>,
  state: ReferenceRequestState,
): ReferenceRequestEvent[] {
  requireRequestStatus(state, WORKING, 'ScheduleActivity');
  const c = requireCandidate(state, d.advocateId, ['ACCEPTED', 'SCHEDULED'], 'ScheduleActivity');
  const engagementId = c.engagementId ?? '';
  return [
    {
      type: 'ActivityScheduled',
      data: { requestId: state.requestId, advocateId: c.advocateId, engagementId, at: d.at },
    },
  ];
}

/** The activity took place: no earlier than the ask, which came after the request's submission. */
function completeActivity(
  d: Input<'CompleteActivity'>,
  state: ReferenceRequestState,
): ReferenceRequestEvent[] {
  requireRequestStatus(state, WORKING, 'CompleteActivity');
  const c = requireCandidate(state, d.advocateId, ['SCHEDULED'], 'CompleteActivity');
  requireNotBeforeAsk(d.completedAt, c.askedAt);
  const done = { advocateId: c.advocateId, engagementId: c.engagementId ?? '', completedAt: d.completedAt };
  return [{ type: 'ActivityCompleted', data: { requestId: state.requestId, ...done } }];
}

function recordRequestFeedback(
  d: Input<'RecordRequestFeedback'>,
  state: ReferenceRequestState,
  context: ReferenceRequestDecisionContext,
): ReferenceRequestEvent[] {
  requireRequesterOrManager(state, context, 'give feedback on this request');
  const c = requireCandidate(state, d.advocateId, ['COMPLETED'], 'RecordRequestFeedback');
  if (c.rating !== undefined)
    throw invalidTransition('Candidate', c.advocateId, 'RATED', 'RecordRequestFeedback');
  return [
    {
      type: 'RequestFeedbackRecorded',
      data: {
        requestId: state.requestId,
        advocateId: c.advocateId,
        engagementId: c.engagementId ?? '',
        rating: d.rating,
        ...(d.topicFit !== undefined ? { topicFit: d.topicFit } : {}),
        ...(d.comment !== undefined ? { comment: d.comment } : {}),
        recordedBy: context.actor.userId,
      },
    },
  ];
}

function releaseCandidate(
  d: Input<'ReleaseCandidate'>,
  state: ReferenceRequestState,
  context: ReferenceRequestDecisionContext,
): ReferenceRequestEvent[] {
  requireRequestStatus(state, OPEN, 'ReleaseCandidate');
  const pending = [
    'SHORTLISTED',
    'APPROVAL_REQUESTED',
    'OWNER_APPROVED',
    'ASKED',
    'ACCEPTED',
    'SCHEDULED',
  ] as const;
  const c = requireCandidate(state, d.advocateId, pending, 'ReleaseCandidate');
  const engagement = c.engagementId ? { engagementId: c.engagementId } : {};
  return [
    {
      type: 'CandidateReleased',
      data: {
        requestId: state.requestId,
        advocateId: c.advocateId,
        ...engagement,
        reason: d.reason,
        releasedAt: context.now,
      },
    },
  ];
}

/** The rules of asks and activities, one per command. */
export const activityRules = {
  AskAdvocate: askAdvocate,
  RecordAdvocateResponse: recordAdvocateResponse,
  ScheduleActivity: scheduleActivity,
  CompleteActivity: completeActivity,
  RecordRequestFeedback: recordRequestFeedback,
  ReleaseCandidate: releaseCandidate,
};

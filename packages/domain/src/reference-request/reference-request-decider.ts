import { ENGAGEMENT_RELEASE_REASONS } from '../advocate/engagement';
import { SENIORITIES } from '../advocate/seniority';
import { CHANNELS } from '../consent/consent';
import { ACTIVITY_KINDS } from '../shared/activity-kind';
import { hasRole } from '../shared/actor';
import type { Decider } from '../shared/decider';
import type { DecisionContext } from '../shared/decision-context';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { alreadyExists, invalidTransition, notFound, requireProgramManager } from '../shared/guards';
import { isAfter } from '../shared/time';
import { validated } from '../shared/validator';
import type { ReferenceRequestCommand } from './reference-request-commands';
import type { ReferenceRequestEvent } from './reference-request-events';
import {
  evolveReferenceRequest,
  initialReferenceRequestState,
  isRequestClosed,
  type Candidate,
  type CandidateStatus,
  type ReferenceRequestState,
  type RequestStatus,
} from './reference-request-state';
import {
  DEPARTMENTS,
  OPPORTUNITY_STAGES,
  OUTCOME_RESULTS,
  REQUEST_PRIORITIES,
} from './reference-request-types';

function requireCandidate(
  state: ReferenceRequestState,
  advocateId: unknown,
  allowed: readonly CandidateStatus[],
  command: string,
): Candidate {
  const id = validated((v) => v.id('advocateId', advocateId));
  const candidate = state.candidates[id];
  if (!candidate) throw notFound('Candidate', id);
  if (!allowed.includes(candidate.status))
    throw invalidTransition('Candidate', id, candidate.status, command);
  return candidate;
}

function requireRequestStatus(
  state: ReferenceRequestState,
  allowed: readonly RequestStatus[],
  command: string,
): void {
  if (!allowed.includes(state.status))
    throw invalidTransition('Reference request', state.requestId, state.status, command);
}

const OPEN: readonly RequestStatus[] = [
  'SUBMITTED',
  'TRIAGED',
  'SHORTLISTED',
  'IN_PROGRESS',
  'FULFILLED',
  'COMPLETED',
];
const WORKING: readonly RequestStatus[] = ['SHORTLISTED', 'IN_PROGRESS', 'FULFILLED', 'COMPLETED'];

function requireRequesterOrManager(
  state: ReferenceRequestState,
  context: DecisionContext,
  what: string,
): void {
  if (context.actor.userId !== state.requestedBy && !hasRole(context.actor, 'PROGRAM_MANAGER')) {
    throw new DomainError(DomainErrorCode.FORBIDDEN, `Only the requester or a program manager may ${what}.`, {
      requestId: state.requestId,
    });
  }
}

/** What a request's decision may know beyond its stream: who acts for a candidate's account now. */
export interface ReferenceRequestDecisionContext extends DecisionContext {
  /**
   * The owner and unexpired delegates of an account now (invariant 11: reassigning the owner
   * moves who approves its asks). Without it, the owner recorded when the candidate was shortlisted.
   */
  readonly accountActors?: (accountId: string) => readonly string[];
}

function decide(
  command: ReferenceRequestCommand,
  state: ReferenceRequestState,
  context: ReferenceRequestDecisionContext,
): ReferenceRequestEvent[] {
  const now = context.now;
  const by = context.actor.userId;
  if (command.type === 'SubmitReferenceRequest') {
    const d = command.data;
    const data = validated((v) => {
      const opportunity = v.object('opportunity', d.opportunity);
      const criteria = v.object('criteria', d.criteria);
      const dueBy = v.instant('dueBy', d.dueBy);
      v.order('dueBy', now, dueBy, 'must be in the future');
      const competitor = v.optionalText('opportunity.competitor', opportunity.competitor, { max: 120 });
      const minSeniority = v.optionalOneOf('criteria.minSeniority', criteria.minSeniority, SENIORITIES);
      const notes = v.optionalText('notes', d.notes, { max: 4000 });
      return {
        requestId: v.id('requestId', d.requestId),
        requestedBy: by,
        department: v.oneOf('department', d.department, DEPARTMENTS),
        kind: v.oneOf('kind', d.kind, ACTIVITY_KINDS),
        advocatesNeeded: v.integer('advocatesNeeded', d.advocatesNeeded, { min: 1, max: 10 }),
        opportunity: {
          opportunityId: v.id('opportunity.opportunityId', opportunity.opportunityId),
          stage: v.oneOf('opportunity.stage', opportunity.stage, OPPORTUNITY_STAGES),
          amount: v.money('opportunity.amount', opportunity.amount),
          industry: v.text('opportunity.industry', opportunity.industry, { max: 80 }),
          region: v.text('opportunity.region', opportunity.region, { max: 80 }),
          products: v.tags('opportunity.products', opportunity.products),
          ...(competitor !== undefined ? { competitor } : {}),
        },
        criteria: {
          industries: v.tags('criteria.industries', criteria.industries),
          regions: v.tags('criteria.regions', criteria.regions),
          products: v.tags('criteria.products', criteria.products),
          useCases: v.tags('criteria.useCases', criteria.useCases),
          languages: v.tags('criteria.languages', criteria.languages).map((l) => l.toLowerCase()),
          ...(minSeniority !== undefined ? { minSeniority } : {}),
          territory: v.text('criteria.territory', criteria.territory, { max: 80 }).toUpperCase(),
          channel: v.oneOf('criteria.channel', criteria.channel, CHANNELS),
        },
        dueBy,
        ...(notes !== undefined ? { notes } : {}),
      };
    });
    if (state.status !== 'NONE') throw alreadyExists('Reference request', data.requestId);
    return [{ type: 'ReferenceRequestSubmitted', data: { ...data, submittedAt: now } }];
  }
  if (state.status === 'NONE') throw notFound('Reference request', '(not submitted)');
  const requestId = state.requestId;

  switch (command.type) {
    case 'TriageRequest': {
      requireProgramManager(context.actor, 'triage requests');
      requireRequestStatus(state, ['SUBMITTED'], command.type);
      const d = validated((v) => ({
        priority: v.oneOf('priority', command.data.priority, REQUEST_PRIORITIES),
        note: v.optionalText('note', command.data.note, { max: 1000 }),
      }));
      return [
        {
          type: 'RequestTriaged',
          data: {
            requestId,
            priority: d.priority,
            ...(d.note !== undefined ? { note: d.note } : {}),
            triagedBy: by,
            triagedAt: now,
          },
        },
      ];
    }
    case 'ShortlistCandidates': {
      requireProgramManager(context.actor, 'shortlist candidates');
      requireRequestStatus(state, ['TRIAGED', 'SHORTLISTED', 'IN_PROGRESS'], command.type);
      const candidates = validated((v) => {
        const list = Array.isArray(command.data.candidates) ? command.data.candidates : [];
        if (list.length === 0 || list.length > 25) v.fail('candidates', 'must list 1 to 25 candidates');
        return list.map((c, i) => ({
          advocateId: v.id(`candidates[${i}].advocateId`, c?.advocateId),
          accountId: v.id(`candidates[${i}].accountId`, c?.accountId),
          ownerId: v.id(`candidates[${i}].ownerId`, c?.ownerId),
          score: v.number(`candidates[${i}].score`, c?.score, { min: 0, max: 100 }),
          breakdown: (Array.isArray(c?.breakdown) ? c.breakdown : []).map((b, j) => ({
            criterion: v.text(`candidates[${i}].breakdown[${j}].criterion`, b?.criterion, { max: 40 }),
            weight: v.number(`candidates[${i}].breakdown[${j}].weight`, b?.weight, { min: 0, max: 100 }),
            score: v.number(`candidates[${i}].breakdown[${j}].score`, b?.score, { min: 0, max: 1 }),
            explanation: v.text(`candidates[${i}].breakdown[${j}].explanation`, b?.explanation, { max: 300 }),
          })),
        }));
      });
      const fresh = candidates.filter((c) => !state.candidates[c.advocateId]);
      if (fresh.length === 0)
        throw invalidTransition('Reference request', requestId, 'ALREADY_SHORTLISTED', command.type);
      return [
        {
          type: 'CandidatesShortlisted',
          data: { requestId, candidates: fresh, shortlistedBy: by, shortlistedAt: now },
        },
      ];
    }
    case 'RequestOwnerApproval': {
      requireRequestStatus(state, WORKING, command.type);
      const c = requireCandidate(state, command.data.advocateId, ['SHORTLISTED'], command.type);
      return [
        {
          type: 'OwnerApprovalRequested',
          data: { requestId, advocateId: c.advocateId, ownerId: c.ownerId, requestedAt: now },
        },
      ];
    }
    case 'ApproveAsk':
    case 'DeclineAsk': {
      requireRequestStatus(state, WORKING, command.type);
      const c = requireCandidate(
        state,
        command.data.advocateId,
        ['SHORTLISTED', 'APPROVAL_REQUESTED'],
        command.type,
      );
      // Invariant 3: the owner of the advocate's account (now, or a colleague they delegated it
      // to) decides, nobody else in their name.
      const approvers = context.accountActors?.(c.accountId) ?? [c.ownerId];
      if (!approvers.includes(by)) {
        const ownerId = approvers[0] ?? c.ownerId;
        throw new DomainError(
          DomainErrorCode.FORBIDDEN,
          `Only the account owner (${ownerId}) may approve or decline asking advocate ${c.advocateId}; a program manager may override.`,
          { advocateId: c.advocateId, ownerId },
        );
      }
      if (command.type === 'ApproveAsk') {
        const note = validated((v) => v.optionalText('note', command.data.note, { max: 1000 }));
        return [
          {
            type: 'AskApprovedByOwner',
            data: {
              requestId,
              advocateId: c.advocateId,
              ownerId: by,
              ...(note !== undefined ? { note } : {}),
              approvedAt: now,
            },
          },
        ];
      }
      // A decline must say why: hoarded pocket references show up in the record.
      const reason = validated((v) => v.text('reason', command.data.reason, { max: 1000 }));
      return [
        {
          type: 'AskDeclinedByOwner',
          data: { requestId, advocateId: c.advocateId, ownerId: by, reason, declinedAt: now },
        },
      ];
    }
    case 'OverrideOwnerApproval': {
      requireProgramManager(context.actor, "override the account owner's approval");
      requireRequestStatus(state, WORKING, command.type);
      const c = requireCandidate(
        state,
        command.data.advocateId,
        ['SHORTLISTED', 'APPROVAL_REQUESTED', 'OWNER_DECLINED'],
        command.type,
      );
      const reason = validated((v) => v.text('reason', command.data.reason, { max: 1000 }));
      return [
        {
          type: 'OwnerApprovalOverridden',
          data: { requestId, advocateId: c.advocateId, overriddenBy: by, reason, overriddenAt: now },
        },
      ];
    }
    case 'AskAdvocate': {
      requireRequestStatus(state, WORKING, command.type);
      const c = requireCandidate(
        state,
        command.data.advocateId,
        ['SHORTLISTED', 'APPROVAL_REQUESTED', 'OWNER_APPROVED', 'OWNER_DECLINED'],
        command.type,
      );
      if (c.status !== 'OWNER_APPROVED' || c.clearance === undefined) {
        throw new DomainError(
          DomainErrorCode.OWNER_APPROVAL_REQUIRED,
          `Advocate ${c.advocateId} cannot be asked yet: the account owner (${c.ownerId}) has not approved. ` +
            'Request their approval, or ask a program manager to override with a reason.',
          { advocateId: c.advocateId, ownerId: c.ownerId, candidateStatus: c.status },
        );
      }
      const engagementId = validated((v) => v.id('engagementId', command.data.engagementId));
      return [
        {
          type: 'AdvocateAsked',
          data: {
            requestId,
            advocateId: c.advocateId,
            engagementId,
            clearance: c.clearance,
            askedBy: by,
            askedAt: now,
          },
        },
      ];
    }
    case 'RecordAdvocateResponse': {
      requireRequestStatus(state, WORKING, command.type);
      const c = requireCandidate(state, command.data.advocateId, ['ASKED'], command.type);
      const d = validated((v) => ({
        accepted: v.boolean('accepted', command.data.accepted),
        reason: v.optionalText('reason', command.data.reason, { max: 1000 }),
      }));
      const engagementId = c.engagementId ?? '';
      if (d.accepted)
        return [
          {
            type: 'AdvocateAcceptedRequest',
            data: { requestId, advocateId: c.advocateId, engagementId, acceptedAt: now },
          },
        ];
      return [
        {
          type: 'AdvocateDeclinedRequest',
          data: {
            requestId,
            advocateId: c.advocateId,
            engagementId,
            ...(d.reason !== undefined ? { reason: d.reason } : {}),
            declinedAt: now,
          },
        },
      ];
    }
    case 'ScheduleActivity': {
      requireRequestStatus(state, WORKING, command.type);
      const c = requireCandidate(state, command.data.advocateId, ['ACCEPTED', 'SCHEDULED'], command.type);
      const at = validated((v) => {
        const value = v.instant('at', command.data.at);
        v.order('at', now, value, 'must not be in the past', false);
        return value;
      });
      return [
        {
          type: 'ActivityScheduled',
          data: { requestId, advocateId: c.advocateId, engagementId: c.engagementId ?? '', at },
        },
      ];
    }
    case 'CompleteActivity': {
      requireRequestStatus(state, WORKING, command.type);
      const c = requireCandidate(state, command.data.advocateId, ['SCHEDULED'], command.type);
      const completedAt = validated((v) => {
        const value = v.optionalInstant('completedAt', command.data.completedAt) ?? now;
        v.order('completedAt', value, now, 'must not be in the future', false);
        return value;
      });
      return [
        {
          type: 'ActivityCompleted',
          data: { requestId, advocateId: c.advocateId, engagementId: c.engagementId ?? '', completedAt },
        },
      ];
    }
    case 'RecordRequestFeedback': {
      requireRequesterOrManager(state, context, 'give feedback on this request');
      const c = requireCandidate(state, command.data.advocateId, ['COMPLETED'], command.type);
      if (c.rating !== undefined) throw invalidTransition('Candidate', c.advocateId, 'RATED', command.type);
      const d = validated((v) => ({
        rating: v.integer('rating', command.data.rating, { min: 1, max: 5 }),
        comment: v.optionalText('comment', command.data.comment, { max: 2000 }),
      }));
      return [
        {
          type: 'RequestFeedbackRecorded',
          data: {
            requestId,
            advocateId: c.advocateId,
            engagementId: c.engagementId ?? '',
            rating: d.rating,
            ...(d.comment !== undefined ? { comment: d.comment } : {}),
            recordedBy: by,
          },
        },
      ];
    }
    case 'RecordOutcome': {
      requireRequesterOrManager(state, context, 'record the outcome');
      requireRequestStatus(state, ['IN_PROGRESS', 'FULFILLED', 'COMPLETED'], command.type);
      const d = validated((v) => ({
        result: v.oneOf('result', command.data.result, OUTCOME_RESULTS),
        amount: v.optionalMoney('amount', command.data.amount),
        note: v.optionalText('note', command.data.note, { max: 1000 }),
      }));
      return [
        {
          type: 'OutcomeRecorded',
          data: {
            requestId,
            result: d.result,
            ...(d.amount !== undefined ? { amount: d.amount } : {}),
            ...(d.note !== undefined ? { note: d.note } : {}),
            recordedBy: by,
            recordedAt: now,
          },
        },
      ];
    }
    case 'ReleaseCandidate': {
      requireRequestStatus(state, OPEN, command.type);
      const c = requireCandidate(
        state,
        command.data.advocateId,
        ['SHORTLISTED', 'APPROVAL_REQUESTED', 'OWNER_APPROVED', 'ASKED', 'ACCEPTED', 'SCHEDULED'],
        command.type,
      );
      const reason = validated((v) => v.oneOf('reason', command.data.reason, ENGAGEMENT_RELEASE_REASONS));
      return [
        {
          type: 'CandidateReleased',
          data: {
            requestId,
            advocateId: c.advocateId,
            ...(c.engagementId ? { engagementId: c.engagementId } : {}),
            reason,
            releasedAt: now,
          },
        },
      ];
    }
    case 'CancelRequest': {
      requireRequesterOrManager(state, context, 'cancel this request');
      if (isRequestClosed(state.status))
        throw invalidTransition('Reference request', requestId, state.status, command.type);
      const reason = validated((v) => v.text('reason', command.data.reason, { max: 1000 }));
      return [{ type: 'RequestCancelled', data: { requestId, reason, cancelledBy: by, cancelledAt: now } }];
    }
    case 'LapseRequest': {
      requireRequestStatus(state, ['SUBMITTED', 'TRIAGED', 'SHORTLISTED', 'IN_PROGRESS'], command.type);
      const dueBy = state.dueBy ?? now;
      if (isAfter(dueBy, now))
        throw invalidTransition('Reference request', requestId, 'NOT_YET_DUE', command.type);
      return [{ type: 'RequestLapsed', data: { requestId, dueBy, lapsedAt: now } }];
    }
  }
}

/** The ReferenceRequest decider: one ask for advocates, from any department, through its whole lifecycle. */
export const referenceRequestDecider: Decider<
  ReferenceRequestCommand,
  ReferenceRequestState,
  ReferenceRequestEvent,
  ReferenceRequestDecisionContext
> = {
  name: 'ReferenceRequest',
  initialState: initialReferenceRequestState,
  decide,
  evolve: evolveReferenceRequest,
};

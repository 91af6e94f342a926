import type { ActivityKind } from '../shared/activity-kind';
import type { EveryMember } from '../shared/every-member';
import type { Instant } from '../shared/time';
import type { CandidatesShortlisted, ReferenceRequestEvent } from './reference-request-events';
import { candidateWith, requestWith } from './request-with';
import { schedulingChange } from './scheduling-evolve';
import { candidateTakenFromPool } from './self-serve-candidate';
import type { CandidateSchedule } from './slot-offer';
import type {
  Department,
  Opportunity,
  OutcomeResult,
  RequestCriteria,
  RequestPriority,
  ScoreComponent,
} from './reference-request-types';
import { recordWith } from '../shared/record-with';

/**
 * submitted → triaged → shortlisted → in progress (asks out) → fulfilled (enough accepted)
 * → completed (activities done) → closed (outcome); or cancelled / lapsed.
 */
export type RequestStatus =
  | 'NONE'
  | 'SUBMITTED'
  | 'TRIAGED'
  | 'SHORTLISTED'
  | 'IN_PROGRESS'
  | 'FULFILLED'
  | 'COMPLETED'
  | 'CLOSED'
  | 'CANCELLED'
  | 'LAPSED';

/** Each shortlisted advocate's own way through the request. */
export type CandidateStatus =
  | 'SHORTLISTED'
  | 'APPROVAL_REQUESTED'
  | 'OWNER_APPROVED'
  | 'OWNER_DECLINED'
  | 'ASKED'
  | 'ACCEPTED'
  | 'DECLINED'
  | 'SCHEDULED'
  | 'COMPLETED'
  | 'MISSED'
  | 'RELEASED';

export interface Candidate {
  readonly advocateId: string;
  readonly accountId: string;
  readonly ownerId: string;
  readonly score: number;
  readonly breakdown: readonly ScoreComponent[];
  readonly status: CandidateStatus;
  readonly clearance?: 'OWNER' | 'OVERRIDE' | 'SELF_SERVE';
  /** Who cleared the ask: the account owner, or the program manager who overrode. */
  readonly clearedBy?: string;
  /** The program manager's reason, when the owner's approval was overridden. */
  readonly clearanceReason?: string;
  readonly engagementId?: string;
  /** When the advocate was asked. */
  readonly askedAt?: Instant;
  readonly rating?: number;
  /** The call's offered slots, the pick and attendance (scheduling with proof). */
  readonly schedule?: CandidateSchedule;
}

export interface ReferenceRequestState {
  readonly requestId: string;
  readonly status: RequestStatus;
  readonly requestedBy?: string;
  readonly department?: Department;
  readonly kind?: ActivityKind;
  readonly advocatesNeeded: number;
  readonly opportunity?: Opportunity;
  readonly criteria?: RequestCriteria;
  readonly dueBy?: Instant;
  readonly submittedAt?: Instant;
  readonly priority?: RequestPriority;
  readonly candidates: Readonly<Record<string, Candidate>>;
  readonly outcome?: OutcomeResult;
}

// Every member named, so that each spread in `evolveReferenceRequest` overrides and never adds (see EveryMember).
export const initialReferenceRequestState: ReferenceRequestState = {
  requestId: '',
  status: 'NONE',
  requestedBy: undefined,
  department: undefined,
  kind: undefined,
  advocatesNeeded: 0,
  opportunity: undefined,
  criteria: undefined,
  dueBy: undefined,
  submittedAt: undefined,
  priority: undefined,
  candidates: {},
  outcome: undefined,
} satisfies EveryMember<ReferenceRequestState>;

/** A shortlisted candidate, every member named: the changes of its way through the request then only override. */
function shortlisted(c: CandidatesShortlisted['data']['candidates'][number]): Candidate {
  return {
    advocateId: c.advocateId,
    accountId: c.accountId,
    ownerId: c.ownerId,
    score: c.score,
    breakdown: c.breakdown,
    status: 'SHORTLISTED',
    clearance: undefined,
    clearedBy: undefined,
    clearanceReason: undefined,
    engagementId: undefined,
    askedAt: undefined,
    rating: undefined,
    schedule: undefined,
  } satisfies EveryMember<Candidate>;
}

const CLOSED: readonly RequestStatus[] = ['CLOSED', 'CANCELLED', 'LAPSED'];

/** Whether the request has ended (closed with an outcome, cancelled or lapsed). */
export function isRequestClosed(status: RequestStatus): boolean {
  return CLOSED.includes(status);
}

// The workflow statuses follow from the candidates: no separate event needs to say them.
function progress(state: ReferenceRequestState): ReferenceRequestState {
  if (isRequestClosed(state.status) || state.status === 'NONE') return state;
  const candidates = Object.values(state.candidates);
  const committed = candidates.filter(
    (c) => c.status === 'ACCEPTED' || c.status === 'SCHEDULED' || c.status === 'COMPLETED',
  );
  const completed = candidates.filter((c) => c.status === 'COMPLETED');
  const status: RequestStatus =
    completed.length >= state.advocatesNeeded && completed.length === committed.length
      ? 'COMPLETED'
      : committed.length >= state.advocatesNeeded
        ? 'FULFILLED'
        : candidates.some((c) => c.status !== 'SHORTLISTED')
          ? 'IN_PROGRESS'
          : candidates.length > 0
            ? 'SHORTLISTED'
            : state.priority
              ? 'TRIAGED'
              : 'SUBMITTED';
  return status === state.status ? state : requestWith(state, { status });
}

function withCandidate(
  state: ReferenceRequestState,
  advocateId: string,
  change: Partial<Candidate>,
): ReferenceRequestState {
  const candidate = state.candidates[advocateId];
  if (!candidate) return state;
  return progress(
    requestWith(state, {
      candidates: recordWith(state.candidates, advocateId, candidateWith(candidate, change)),
    }),
  );
}

type OwnerDecisionEvent = Extract<
  ReferenceRequestEvent,
  { type: 'OwnerApprovalRequested' | 'AskApprovedByOwner' | 'AskDeclinedByOwner' | 'OwnerApprovalOverridden' }
>;

/** What the owner's side of an ask (requested, approved, declined, overridden) changes on the candidate. */
function ownerDecisionChange(event: OwnerDecisionEvent): Partial<Candidate> {
  switch (event.type) {
    case 'OwnerApprovalRequested':
      return { status: 'APPROVAL_REQUESTED' };
    case 'AskApprovedByOwner':
      return { status: 'OWNER_APPROVED', clearance: 'OWNER', clearedBy: event.data.ownerId };
    case 'AskDeclinedByOwner':
      return { status: 'OWNER_DECLINED' };
    case 'OwnerApprovalOverridden':
      return {
        status: 'OWNER_APPROVED',
        clearance: 'OVERRIDE',
        clearedBy: event.data.overriddenBy,
        clearanceReason: event.data.reason,
      };
  }
}

/** Folds one request event into the state. Never throws. */
export function evolveReferenceRequest(
  state: ReferenceRequestState,
  event: ReferenceRequestEvent,
): ReferenceRequestState {
  switch (event.type) {
    case 'ReferenceRequestSubmitted': {
      const d = event.data;
      return requestWith(state, {
        requestId: d.requestId,
        status: 'SUBMITTED',
        requestedBy: d.requestedBy,
        department: d.department,
        kind: d.kind,
        advocatesNeeded: d.advocatesNeeded,
        opportunity: d.opportunity,
        criteria: d.criteria,
        dueBy: d.dueBy,
        submittedAt: d.submittedAt,
      });
    }
    case 'RequestTriaged':
      return progress(
        requestWith(state, {
          priority: event.data.priority,
          status: state.status === 'SUBMITTED' ? 'TRIAGED' : state.status,
        }),
      );
    case 'CandidatesShortlisted': {
      const candidates = { ...state.candidates };
      for (const c of event.data.candidates) candidates[c.advocateId] = shortlisted(c);
      return progress(requestWith(state, { candidates }));
    }
    case 'OwnerApprovalRequested':
    case 'AskApprovedByOwner':
    case 'AskDeclinedByOwner':
    case 'OwnerApprovalOverridden':
      return withCandidate(state, event.data.advocateId, ownerDecisionChange(event));
    case 'AdvocateAsked':
      return withCandidate(state, event.data.advocateId, {
        status: 'ASKED',
        engagementId: event.data.engagementId,
        askedAt: event.data.askedAt,
      });
    case 'AdvocateAcceptedRequest':
      return withCandidate(state, event.data.advocateId, { status: 'ACCEPTED' });
    case 'AdvocateDeclinedRequest':
      return withCandidate(state, event.data.advocateId, { status: 'DECLINED' });
    case 'ActivityScheduled':
      return withCandidate(state, event.data.advocateId, { status: 'SCHEDULED' });
    case 'ActivityCompleted':
      return withCandidate(state, event.data.advocateId, { status: 'COMPLETED' });
    case 'RequestFeedbackRecorded':
      return withCandidate(state, event.data.advocateId, { rating: event.data.rating });
    case 'CandidateReleased':
      return withCandidate(state, event.data.advocateId, { status: 'RELEASED' });
    case 'OutcomeRecorded':
      return requestWith(state, { status: 'CLOSED', outcome: event.data.result });
    case 'RequestCancelled':
      return requestWith(state, { status: 'CANCELLED' });
    case 'RequestLapsed':
      return requestWith(state, { status: 'LAPSED' });
    case 'AdvocateTakenFromPool': {
      const taken = candidateTakenFromPool(event.data);
      return progress(
        requestWith(state, { candidates: recordWith(state.candidates, taken.advocateId, taken) }),
      );
    }
    default: {
      const scheduling = schedulingChange(state, event);
      return scheduling ? withCandidate(state, scheduling.advocateId, scheduling.change) : state;
    }
  }
}

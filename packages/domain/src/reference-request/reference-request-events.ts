import type { EngagementReleaseReason } from '../advocate/engagement';
import type { ActivityKind } from '../shared/activity-kind';
import type { DomainEvent } from '../shared/domain-event';
import type { SchedulingEvent } from './scheduling-events';
import type { Money } from '../shared/money';
import type { Instant } from '../shared/time';
import type {
  Department,
  Opportunity,
  OutcomeResult,
  RequestCriteria,
  RequestPriority,
  ScoreComponent,
} from './reference-request-types';
import type { AdvocateTakenFromPool } from './self-serve-rules';

type Of<T extends string, D extends object> = DomainEvent<T, D & { requestId: string }>;

export type ReferenceRequestSubmitted = Of<
  'ReferenceRequestSubmitted',
  {
    requestedBy: string;
    department: Department;
    kind: ActivityKind;
    advocatesNeeded: number;
    opportunity: Opportunity;
    criteria: RequestCriteria;
    dueBy: Instant;
    notes?: string;
    submittedAt: Instant;
  }
>;
export type RequestTriaged = Of<
  'RequestTriaged',
  { priority: RequestPriority; note?: string; triagedBy: string; triagedAt: Instant }
>;
export type CandidatesShortlisted = Of<
  'CandidatesShortlisted',
  {
    candidates: {
      advocateId: string;
      accountId: string;
      ownerId: string;
      score: number;
      breakdown: ScoreComponent[];
    }[];
    shortlistedBy: string;
    shortlistedAt: Instant;
  }
>;
export type OwnerApprovalRequested = Of<
  'OwnerApprovalRequested',
  { advocateId: string; ownerId: string; requestedAt: Instant }
>;
export type AskApprovedByOwner = Of<
  'AskApprovedByOwner',
  { advocateId: string; ownerId: string; note?: string; approvedAt: Instant }
>;
export type AskDeclinedByOwner = Of<
  'AskDeclinedByOwner',
  { advocateId: string; ownerId: string; reason: string; declinedAt: Instant }
>;
export type OwnerApprovalOverridden = Of<
  'OwnerApprovalOverridden',
  { advocateId: string; overriddenBy: string; reason: string; overriddenAt: Instant }
>;
export type AdvocateAsked = Of<
  'AdvocateAsked',
  {
    advocateId: string;
    engagementId: string;
    clearance: 'OWNER' | 'OVERRIDE' | 'PM_FULFILLED';
    askedBy: string;
    askedAt: Instant;
  }
>;
export type AdvocateAcceptedRequest = Of<
  'AdvocateAcceptedRequest',
  { advocateId: string; engagementId: string; acceptedAt: Instant }
>;
export type AdvocateDeclinedRequest = Of<
  'AdvocateDeclinedRequest',
  { advocateId: string; engagementId: string; reason?: string; declinedAt: Instant }
>;
export type ActivityScheduled = Of<
  'ActivityScheduled',
  { advocateId: string; engagementId: string; at: Instant }
>;
export type ActivityCompleted = Of<
  'ActivityCompleted',
  { advocateId: string; engagementId: string; completedAt: Instant }
>;
export type RequestFeedbackRecorded = Of<
  'RequestFeedbackRecorded',
  {
    advocateId: string;
    engagementId: string;
    rating: number;
    topicFit?: number;
    comment?: string;
    recordedBy: string;
  }
>;
export type OutcomeRecorded = Of<
  'OutcomeRecorded',
  { result: OutcomeResult; amount?: Money; note?: string; recordedBy: string; recordedAt: Instant }
>;
/** A candidate dropped out (e.g. consent withdrawn): the requester is informed by this event. */
export type CandidateReleased = Of<
  'CandidateReleased',
  { advocateId: string; engagementId?: string; reason: EngagementReleaseReason; releasedAt: Instant }
>;
export type RequestCancelled = Of<
  'RequestCancelled',
  { reason: string; cancelledBy: string; cancelledAt: Instant }
>;
export type RequestLapsed = Of<'RequestLapsed', { dueBy: Instant; lapsedAt: Instant }>;

export type ReferenceRequestEvent =
  | AdvocateTakenFromPool
  | ReferenceRequestSubmitted
  | RequestTriaged
  | CandidatesShortlisted
  | OwnerApprovalRequested
  | AskApprovedByOwner
  | AskDeclinedByOwner
  | OwnerApprovalOverridden
  | AdvocateAsked
  | AdvocateAcceptedRequest
  | AdvocateDeclinedRequest
  | ActivityScheduled
  | ActivityCompleted
  | RequestFeedbackRecorded
  | OutcomeRecorded
  | CandidateReleased
  | RequestCancelled
  | RequestLapsed
  | SchedulingEvent;

import type { Seniority } from '../advocate/seniority';
import type { EngagementReleaseReason } from '../advocate/engagement';
import type { Channel } from '../consent/consent';
import type { ActivityKind } from '../shared/activity-kind';
import type { Command } from '../shared/domain-event';
import type { SchedulingCommand } from './scheduling-commands';
import type { Money } from '../shared/money';
import type { Instant } from '../shared/time';
import type {
  Department,
  OpportunityStage,
  OutcomeResult,
  RequestPriority,
  ScoreComponent,
} from './reference-request-types';
import type { TakeFromSelfServePool } from './self-serve-rules';

export type SubmitReferenceRequest = Command<
  'SubmitReferenceRequest',
  {
    requestId: string;
    department: Department;
    kind: ActivityKind;
    advocatesNeeded: number;
    opportunity: {
      opportunityId: string;
      stage: OpportunityStage;
      amount: Money;
      industry: string;
      region: string;
      products: string[];
      competitor?: string;
    };
    criteria: {
      industries?: string[];
      regions?: string[];
      products?: string[];
      useCases?: string[];
      languages?: string[];
      minSeniority?: Seniority;
      territory: string;
      channel: Channel;
    };
    dueBy: Instant;
    notes?: string;
  }
>;
export type TriageRequest = Command<'TriageRequest', { priority: RequestPriority; note?: string }>;
export type ShortlistCandidates = Command<
  'ShortlistCandidates',
  {
    candidates: {
      advocateId: string;
      accountId: string;
      ownerId: string;
      score: number;
      breakdown: ScoreComponent[];
    }[];
  }
>;
export type RequestOwnerApproval = Command<'RequestOwnerApproval', { advocateId: string }>;
export type ApproveAsk = Command<'ApproveAsk', { advocateId: string; note?: string }>;
export type DeclineAsk = Command<'DeclineAsk', { advocateId: string; reason: string }>;
export type OverrideOwnerApproval = Command<'OverrideOwnerApproval', { advocateId: string; reason: string }>;
export type AskAdvocate = Command<
  'AskAdvocate',
  {
    advocateId: string;
    engagementId: string;
    /** A program manager's override of the advocate's fatigue limits for this ask, with the reason (as scheduling takes it). */
    fatigueOverrideReason?: string;
  }
>;
export type RecordAdvocateResponse = Command<
  'RecordAdvocateResponse',
  { advocateId: string; accepted: boolean; reason?: string }
>;
export type ScheduleActivity = Command<
  'ScheduleActivity',
  {
    advocateId: string;
    at: Instant;
    /** A program manager's override of the advocate's fatigue limits for this date, with the reason. */
    fatigueOverrideReason?: string;
  }
>;
export type CompleteActivity = Command<'CompleteActivity', { advocateId: string; completedAt?: Instant }>;
export type RecordRequestFeedback = Command<
  'RecordRequestFeedback',
  { advocateId: string; rating: number; topicFit?: number; comment?: string }
>;
export type RecordOutcome = Command<
  'RecordOutcome',
  { result: OutcomeResult; amount?: Money; note?: string }
>;
export type ReleaseCandidate = Command<
  'ReleaseCandidate',
  { advocateId: string; reason: EngagementReleaseReason }
>;
export type CancelRequest = Command<'CancelRequest', { reason: string }>;
export type LapseRequest = Command<'LapseRequest', Record<string, never>>;

export type ReferenceRequestCommand =
  | TakeFromSelfServePool
  | SubmitReferenceRequest
  | TriageRequest
  | ShortlistCandidates
  | RequestOwnerApproval
  | ApproveAsk
  | DeclineAsk
  | OverrideOwnerApproval
  | AskAdvocate
  | RecordAdvocateResponse
  | ScheduleActivity
  | CompleteActivity
  | RecordRequestFeedback
  | RecordOutcome
  | ReleaseCandidate
  | CancelRequest
  | LapseRequest
  | SchedulingCommand;

import type { MarkEngagementMissed } from './missed-engagement-rules';
import type { RecordAdvocateFeedback } from './advocate-feedback';
import type { GrantConsentData, RenewConsentData, WithdrawConsentData } from '../consent/consent-commands';
import type { Channel } from '../consent/consent';
import type { ActivityKind } from '../shared/activity-kind';
import type { Command } from '../shared/domain-event';
import type { Money } from '../shared/money';
import type { Instant } from '../shared/time';
import type { BlackoutPeriod } from './advocate-profile';
import type { Seniority } from './seniority';
import type { EngagementReleaseReason } from './engagement';
import type { RewardKind } from './reward';
import type { SelfServeCommand } from './self-serve-pool';

export interface AdvocateContactData {
  name: string;
  email: string;
  phone?: string;
  title: string;
}

export interface AdvocateAttributesData {
  seniority: Seniority;
  products: readonly string[];
  useCases: readonly string[];
  languages: readonly string[];
  topics?: readonly string[];
}

export type EnrolAdvocate = Command<
  'EnrolAdvocate',
  AdvocateContactData &
    AdvocateAttributesData & { advocateId: string; accountId: string; nominationId?: string }
>;
export type ActivateAdvocate = Command<'ActivateAdvocate', Record<string, never>>;
export type UpdateAdvocateContact = Command<'UpdateAdvocateContact', AdvocateContactData>;
export type UpdateAdvocateAttributes = Command<'UpdateAdvocateAttributes', AdvocateAttributesData>;
export type SetAdvocatePreferences = Command<
  'SetAdvocatePreferences',
  {
    maxEngagementsPerWindow?: number;
    windowDays?: number;
    minRestDays?: number;
    preferredActivities?: ActivityKind[];
    blackouts?: BlackoutPeriod[];
  }
>;
export type RestAdvocate = Command<'RestAdvocate', { until: Instant; reason: string }>;
export type ReactivateAdvocate = Command<'ReactivateAdvocate', Record<string, never>>;
export type RetireAdvocate = Command<'RetireAdvocate', { reason: string }>;
export type MarkDoNotContact = Command<'MarkDoNotContact', { reason: string }>;
/** The advocate left their company (champion job change); `newAccountId` names the new company when it is an account. */
export type RecordAdvocateDeparture = Command<
  'RecordAdvocateDeparture',
  { leftAt?: Instant; newAccountId?: string }
>;

export type GrantConsent = Command<'GrantConsent', GrantConsentData>;
export type RenewConsent = Command<'RenewConsent', RenewConsentData>;
export type WithdrawConsent = Command<'WithdrawConsent', WithdrawConsentData>;
/** Records that a consent's validity has ended, releasing what relied on it. */
export type RecordConsentExpiry = Command<'RecordConsentExpiry', { consentId: string }>;

/** How asking this advocate was cleared with the account owner (invariant 3). */
export interface OwnerClearance {
  /** OWNER: the account owner approved; OVERRIDE: a program manager overrode, with a reason. */
  kind: 'OWNER' | 'OVERRIDE' | 'SELF_SERVE' | 'PM_FULFILLED';
  by: string;
  reason?: string;
}

/** Reserve the advocate for one activity: the consent, fatigue, owner and status gates hold here. */
export type ReserveEngagement = Command<
  'ReserveEngagement',
  {
    engagementId: string;
    requestId?: string;
    kind: ActivityKind;
    territory: string;
    channel: Channel;
    /** When the activity is expected; defaults to now. */
    activityAt?: Instant;
    ownerClearance: OwnerClearance;
    /** A program manager's override of the fatigue limits, with the reason. */
    fatigueOverrideReason?: string;
  }
>;
export type AcceptEngagement = Command<'AcceptEngagement', { engagementId: string }>;
/** The advocate approved this particular use (needed where the consent asks for per-use approval). */
export type ApproveUse = Command<'ApproveUse', { engagementId: string; evidence: string }>;
export type ScheduleEngagement = Command<
  'ScheduleEngagement',
  { engagementId: string; at: Instant; fatigueOverrideReason?: string }
>;
export type CompleteEngagement = Command<
  'CompleteEngagement',
  { engagementId: string; completedAt?: Instant }
>;
export type ReleaseEngagement = Command<
  'ReleaseEngagement',
  { engagementId: string; reason: EngagementReleaseReason; note?: string }
>;
export type RecordEngagementFeedback = Command<
  'RecordEngagementFeedback',
  { engagementId: string; rating: number; topicFit?: number; comment?: string }
>;

export type GrantReward = Command<
  'GrantReward',
  {
    rewardId: string;
    kind: RewardKind;
    description: string;
    value: Money;
    /** How the incentive is disclosed (e.g. in the published case study). Required. */
    disclosure: string;
    /** A program manager's approval of a reward above the per-reward cap. */
    overCapApprovalReason?: string;
  }
>;

export type RequestProfileVerification = Command<
  'RequestProfileVerification',
  { verificationId: string; askedOf: string; dueBy: Instant }
>;
export type VerifyProfile = Command<'VerifyProfile', { verificationId?: string; note?: string }>;
export type LapseProfileVerification = Command<'LapseProfileVerification', { verificationId: string }>;

export type PlaceLegalHold = Command<'PlaceLegalHold', { holdId: string; matter: string }>;
export type ReleaseLegalHold = Command<'ReleaseLegalHold', { holdId: string; reason: string }>;
export type RequestErasure = Command<'RequestErasure', { reason: string }>;

export type AdvocateCommand =
  | SelfServeCommand
  | EnrolAdvocate
  | ActivateAdvocate
  | UpdateAdvocateContact
  | UpdateAdvocateAttributes
  | SetAdvocatePreferences
  | RestAdvocate
  | ReactivateAdvocate
  | RetireAdvocate
  | MarkDoNotContact
  | RecordAdvocateDeparture
  | GrantConsent
  | RenewConsent
  | WithdrawConsent
  | RecordConsentExpiry
  | ReserveEngagement
  | AcceptEngagement
  | ApproveUse
  | ScheduleEngagement
  | CompleteEngagement
  | ReleaseEngagement
  | RecordEngagementFeedback
  | RecordAdvocateFeedback
  | GrantReward
  | RequestProfileVerification
  | VerifyProfile
  | LapseProfileVerification
  | PlaceLegalHold
  | ReleaseLegalHold
  | RequestErasure
  | MarkEngagementMissed;

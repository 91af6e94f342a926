import type { EngagementMissed } from './missed-engagement-rules';
import type { AdvocateFeedbackRecorded } from './advocate-feedback';
import type { Channel } from '../consent/consent';
import type { ConsentGrantedData, ConsentRenewedData, ConsentWithdrawnData } from '../consent/consent-events';
import type { ActivityKind } from '../shared/activity-kind';
import type { DomainEvent } from '../shared/domain-event';
import type { Money } from '../shared/money';
import type { Instant } from '../shared/time';
import type { AdvocateAttributes, AdvocateContact, AdvocatePreferences } from './advocate-profile';
import type { EngagementReleaseReason } from './engagement';
import type { RewardKind } from './reward';
import type { SelfServeEvent } from './self-serve-pool';

type Of<T extends string, D extends object> = DomainEvent<T, D & { advocateId: string }>;

export type AdvocateEnrolled = Of<
  'AdvocateEnrolled',
  {
    accountId: string;
    nominationId?: string;
    contact: AdvocateContact;
    attributes: AdvocateAttributes;
    enrolledAt: Instant;
  }
>;
export type AdvocateActivated = Of<'AdvocateActivated', { activatedAt: Instant }>;
export type AdvocateContactUpdated = Of<'AdvocateContactUpdated', { contact: AdvocateContact }>;
export type AdvocateAttributesUpdated = Of<'AdvocateAttributesUpdated', { attributes: AdvocateAttributes }>;
export type AdvocatePreferencesSet = Of<'AdvocatePreferencesSet', { preferences: AdvocatePreferences }>;
export type AdvocateRested = Of<'AdvocateRested', { until: Instant; reason: string }>;
export type AdvocateReactivated = Of<'AdvocateReactivated', { reactivatedAt: Instant }>;
export type AdvocateRetired = Of<'AdvocateRetired', { reason: string; retiredAt: Instant }>;
export type AdvocateMarkedDoNotContact = Of<
  'AdvocateMarkedDoNotContact',
  { reason: string; markedAt: Instant }
>;
/**
 * The advocate left the account's company: their role-bound consents were withdrawn with it.
 * `suggestedAccountId`: the new company is a known account, so the program may nominate them there.
 */
export type AdvocateLeftAccount = Of<
  'AdvocateLeftAccount',
  { accountId: string; leftAt: Instant; recordedBy: string; suggestedAccountId?: string }
>;

export type ConsentGranted = Of<'ConsentGranted', ConsentGrantedData>;
export type ConsentRenewed = Of<'ConsentRenewed', ConsentRenewedData>;
export type ConsentWithdrawn = Of<'ConsentWithdrawn', ConsentWithdrawnData>;
export type ConsentExpired = Of<'ConsentExpired', { consentId: string; version: number; expiredAt: Instant }>;

export type EngagementReserved = Of<
  'EngagementReserved',
  {
    engagementId: string;
    requestId?: string;
    kind: ActivityKind;
    territory: string;
    channel: Channel;
    activityAt: Instant;
    consentId: string;
    consentVersion: number;
    ownerClearance: {
      kind: 'OWNER' | 'OVERRIDE' | 'SELF_SERVE' | 'PM_FULFILLED';
      by: string;
      reason?: string;
    };
    /** Present when a program manager overrode the fatigue gate: the record of why. */
    fatigueOverride?: { by: string; reason: string; breaches: string[] };
    reservedAt: Instant;
  }
>;
export type EngagementAccepted = Of<
  'EngagementAccepted',
  { engagementId: string; requestId?: string; acceptedAt: Instant }
>;
export type UseApproved = Of<'UseApproved', { engagementId: string; evidence: string; approvedAt: Instant }>;
export type EngagementScheduled = Of<
  'EngagementScheduled',
  {
    engagementId: string;
    requestId?: string;
    at: Instant;
    consentId: string;
    consentVersion: number;
    fatigueOverride?: { by: string; reason: string; breaches: string[] };
  }
>;
/** The usage: an activity done under a named consent and version (invariant 1). */
export type EngagementCompleted = Of<
  'EngagementCompleted',
  {
    engagementId: string;
    requestId?: string;
    kind: ActivityKind;
    completedAt: Instant;
    consentId: string;
    consentVersion: number;
  }
>;
export type EngagementReleased = Of<
  'EngagementReleased',
  {
    engagementId: string;
    requestId?: string;
    kind: ActivityKind;
    reason: EngagementReleaseReason;
    note?: string;
    releasedAt: Instant;
  }
>;
export type EngagementFeedbackRecorded = Of<
  'EngagementFeedbackRecorded',
  { engagementId: string; rating: number; topicFit?: number; comment?: string; recordedBy: string }
>;

export type RewardGranted = Of<
  'RewardGranted',
  {
    rewardId: string;
    kind: RewardKind;
    description: string;
    value: Money;
    disclosure: string;
    grantedBy: string;
    /** Set when the reward is above the per-reward cap: who approved it and why. */
    overCapApproval?: { by: string; reason: string };
    grantedAt: Instant;
  }
>;

export type ProfileVerificationRequested = Of<
  'ProfileVerificationRequested',
  { verificationId: string; askedOf: string; dueBy: Instant; requestedAt: Instant }
>;
export type ProfileVerified = Of<
  'ProfileVerified',
  { verificationId?: string; verifiedBy: string; note?: string; verifiedAt: Instant }
>;
export type ProfileVerificationLapsed = Of<
  'ProfileVerificationLapsed',
  { verificationId: string; lapsedAt: Instant }
>;

export type LegalHoldPlaced = Of<
  'LegalHoldPlaced',
  { holdId: string; matter: string; placedBy: string; placedAt: Instant }
>;
export type LegalHoldReleased = Of<
  'LegalHoldReleased',
  { holdId: string; reason: string; releasedBy: string; releasedAt: Instant }
>;
export type ErasureDeferred = Of<
  'ErasureDeferred',
  { reason: string; requestedBy: string; requestedAt: Instant; holdIds: string[] }
>;
/** Personal data is gone: the store destroys the advocate's key (crypto-shredding). */
export type AdvocateErased = Of<'AdvocateErased', { reason: string; requestedBy: string; erasedAt: Instant }>;

export type AdvocateEvent =
  | SelfServeEvent
  | AdvocateFeedbackRecorded
  | AdvocateEnrolled
  | AdvocateActivated
  | AdvocateContactUpdated
  | AdvocateAttributesUpdated
  | AdvocatePreferencesSet
  | AdvocateRested
  | AdvocateReactivated
  | AdvocateRetired
  | AdvocateMarkedDoNotContact
  | AdvocateLeftAccount
  | ConsentGranted
  | ConsentRenewed
  | ConsentWithdrawn
  | ConsentExpired
  | EngagementReserved
  | EngagementAccepted
  | UseApproved
  | EngagementScheduled
  | EngagementCompleted
  | EngagementReleased
  | EngagementFeedbackRecorded
  | RewardGranted
  | ProfileVerificationRequested
  | ProfileVerified
  | ProfileVerificationLapsed
  | LegalHoldPlaced
  | LegalHoldReleased
  | ErasureDeferred
  | AdvocateErased
  | EngagementMissed;

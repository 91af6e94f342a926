import type { Consent } from '../consent/consent';
import { evolveConsents } from '../consent/consent-decisions';
import type { EveryMember } from '../shared/every-member';
import { isAfter, type Instant } from '../shared/time';
import type { AdvocateEvent } from './advocate-events';
import { advocateWith, engagementWith } from './advocate-with';
import type { AdvocateAttributes, AdvocateContact, AdvocatePreferences } from './advocate-profile';
import { NO_PREFERENCES } from './advocate-profile';
import type { Engagement } from './engagement';
import type { Reward } from './reward';
import type { SelfServePreApproval } from './self-serve-pool';
import { evolveSelfServe } from './self-serve-rules';
import { recordWith } from '../shared/record-with';

/** CANDIDATE → ACTIVE ↔ RESTING → RETIRED, plus DO_NOT_CONTACT and ERASED; NONE before enrolment. */
export type AdvocateStatus =
  'NONE' | 'CANDIDATE' | 'ACTIVE' | 'RESTING' | 'RETIRED' | 'DO_NOT_CONTACT' | 'ERASED';

export interface AdvocateState {
  readonly advocateId: string;
  readonly accountId: string;
  readonly status: AdvocateStatus;
  readonly restingUntil?: Instant;
  /** Personal data; absent once erased. */
  readonly contact?: AdvocateContact;
  readonly attributes?: AdvocateAttributes;
  readonly preferences: AdvocatePreferences;
  readonly consents: Readonly<Record<string, Consent>>;
  readonly engagements: Readonly<Record<string, Engagement>>;
  readonly rewards: readonly Reward[];
  readonly enrolledAt?: Instant;
  readonly lastVerifiedAt?: Instant;
  /** Set when a verification went unanswered after the last verification: the profile is stale. */
  readonly verificationLapsedAt?: Instant;
  readonly pendingVerifications: Readonly<Record<string, { askedOf: string; dueBy: Instant }>>;
  readonly legalHolds: Readonly<Record<string, { matter: string }>>;
  /** An erasure waiting for the legal holds to be released. */
  readonly deferredErasure?: { reason: string; requestedBy: string; requestedAt: Instant };
  readonly retiredAt?: Instant;
  /** The advocate left the account's company (champion job change). */
  readonly leftAccountAt?: Instant;
  readonly erasedAt?: Instant;
  /** Consent id → the version whose expiry has been recorded. */
  readonly recordedExpiries: Readonly<Record<string, number>>;
  /** The account owner's self-serve pre-approvals in force, by id. */
  readonly selfServePool?: Readonly<Record<string, SelfServePreApproval>>;
}

// Every member named, so that each spread in `evolveAdvocate` overrides and never adds (see EveryMember).
export const initialAdvocateState: AdvocateState = {
  advocateId: '',
  accountId: '',
  status: 'NONE',
  restingUntil: undefined,
  contact: undefined,
  attributes: undefined,
  preferences: NO_PREFERENCES,
  consents: {},
  engagements: {},
  rewards: [],
  enrolledAt: undefined,
  lastVerifiedAt: undefined,
  verificationLapsedAt: undefined,
  pendingVerifications: {},
  legalHolds: {},
  deferredErasure: undefined,
  retiredAt: undefined,
  leftAccountAt: undefined,
  erasedAt: undefined,
  recordedExpiries: {},
  selfServePool: undefined,
} satisfies EveryMember<AdvocateState>;

/** The status that holds at `now`: a rest that has ended leaves the advocate ACTIVE. */
export function effectiveStatus(state: AdvocateState, now: Instant): AdvocateStatus {
  if (state.status === 'RESTING' && state.restingUntil !== undefined && !isAfter(state.restingUntil, now)) {
    return 'ACTIVE';
  }
  return state.status;
}

function withEngagement(state: AdvocateState, id: string, change: Partial<Engagement>): AdvocateState {
  const engagement = state.engagements[id];
  if (!engagement) return state;
  return advocateWith(state, {
    engagements: recordWith(state.engagements, id, engagementWith(engagement, change)),
  });
}

/** Enrolment, status, profile and consents. */
function evolveProfileAndConsents(state: AdvocateState, event: AdvocateEvent): AdvocateState | undefined {
  switch (event.type) {
    case 'AdvocateEnrolled': {
      const d = event.data;
      return advocateWith(state, {
        advocateId: d.advocateId,
        accountId: d.accountId,
        status: 'CANDIDATE',
        contact: d.contact,
        attributes: d.attributes,
        enrolledAt: d.enrolledAt,
        lastVerifiedAt: d.enrolledAt,
      });
    }
    case 'AdvocateActivated':
    case 'AdvocateReactivated':
      return advocateWith(state, { status: 'ACTIVE', restingUntil: undefined });
    case 'AdvocateContactUpdated':
      return advocateWith(state, { contact: event.data.contact });
    case 'AdvocateAttributesUpdated':
      return advocateWith(state, { attributes: event.data.attributes });
    case 'AdvocatePreferencesSet':
      return advocateWith(state, { preferences: event.data.preferences });
    case 'AdvocateRested':
      return advocateWith(state, { status: 'RESTING', restingUntil: event.data.until });
    case 'AdvocateRetired':
      return advocateWith(state, {
        status: 'RETIRED',
        restingUntil: undefined,
        retiredAt: event.data.retiredAt,
      });
    case 'AdvocateLeftAccount':
      return advocateWith(state, { leftAccountAt: event.data.leftAt });
    case 'AdvocateMarkedDoNotContact':
      return advocateWith(state, { status: 'DO_NOT_CONTACT', restingUntil: undefined });
    case 'ConsentGranted':
      return advocateWith(state, {
        consents: evolveConsents(state.consents, { type: 'granted', data: event.data }),
      });
    case 'ConsentRenewed':
      return advocateWith(state, {
        consents: evolveConsents(state.consents, { type: 'renewed', data: event.data }),
      });
    case 'ConsentWithdrawn':
      return advocateWith(state, {
        consents: evolveConsents(state.consents, { type: 'withdrawn', data: event.data }),
      });
    case 'ConsentExpired':
      return advocateWith(state, {
        recordedExpiries: recordWith(state.recordedExpiries, event.data.consentId, event.data.version),
      });
    default:
      return undefined;
  }
}

/** Engagements, from reservation to feedback. */
function evolveEngagements(state: AdvocateState, event: AdvocateEvent): AdvocateState | undefined {
  switch (event.type) {
    case 'EngagementReserved': {
      const d = event.data;
      // Every member named: the later changes (`withEngagement`) then only override.
      const engagement: Engagement = {
        engagementId: d.engagementId,
        requestId: d.requestId,
        kind: d.kind,
        territory: d.territory,
        channel: d.channel,
        status: 'RESERVED',
        reservedAt: d.reservedAt,
        activityAt: d.activityAt,
        consentId: d.consentId,
        consentVersion: d.consentVersion,
        useApproved: false,
        rating: undefined,
        countsTowardFatigue: undefined,
        topicFit: undefined,
        advocateFeedback: undefined,
      } satisfies EveryMember<Engagement>;
      return advocateWith(state, { engagements: recordWith(state.engagements, d.engagementId, engagement) });
    }
    case 'EngagementAccepted':
      return withEngagement(state, event.data.engagementId, { status: 'ACCEPTED' });
    case 'UseApproved':
      return withEngagement(state, event.data.engagementId, { useApproved: true });
    case 'EngagementScheduled':
      return withEngagement(state, event.data.engagementId, {
        status: 'SCHEDULED',
        activityAt: event.data.at,
        consentId: event.data.consentId,
        consentVersion: event.data.consentVersion,
      });
    case 'EngagementCompleted': {
      const d = event.data;
      const next = withEngagement(state, d.engagementId, {
        status: 'COMPLETED',
        activityAt: d.completedAt,
        consentId: d.consentId,
        consentVersion: d.consentVersion,
      });
      return advocateWith(next, {
        consents: evolveConsents(next.consents, { type: 'used', consentId: d.consentId }),
      });
    }
    case 'EngagementReleased':
      return withEngagement(state, event.data.engagementId, { status: 'RELEASED' });
    case 'EngagementMissed':
      return withEngagement(state, event.data.engagementId, {
        status: 'MISSED',
        countsTowardFatigue: event.data.countsTowardFatigue,
      });
    case 'EngagementFeedbackRecorded': {
      const { rating, topicFit } = event.data;
      return withEngagement(state, event.data.engagementId, {
        rating,
        ...(topicFit !== undefined ? { topicFit } : {}),
      });
    }
    case 'AdvocateFeedbackRecorded': {
      const { rating, topicFit } = event.data;
      return withEngagement(state, event.data.engagementId, {
        advocateFeedback: { rating, ...(topicFit !== undefined ? { topicFit } : {}) },
      });
    }
    default:
      return undefined;
  }
}

/** Rewards, verifications, legal holds and erasure. */
function evolveRecords(state: AdvocateState, event: AdvocateEvent): AdvocateState | undefined {
  switch (event.type) {
    case 'RewardGranted': {
      const d = event.data;
      return advocateWith(state, {
        rewards: [
          ...state.rewards,
          { rewardId: d.rewardId, kind: d.kind, value: d.value, grantedAt: d.grantedAt },
        ],
      });
    }
    case 'ProfileVerificationRequested':
      return advocateWith(state, {
        pendingVerifications: {
          ...state.pendingVerifications,
          [event.data.verificationId]: { askedOf: event.data.askedOf, dueBy: event.data.dueBy },
        },
      });
    case 'ProfileVerified': {
      const { [event.data.verificationId ?? '']: _answered, ...pending } = state.pendingVerifications;
      return advocateWith(state, {
        lastVerifiedAt: event.data.verifiedAt,
        verificationLapsedAt: undefined,
        pendingVerifications: event.data.verificationId ? pending : {},
      });
    }
    case 'ProfileVerificationLapsed': {
      const { [event.data.verificationId]: _lapsed, ...pending } = state.pendingVerifications;
      return advocateWith(state, {
        verificationLapsedAt: event.data.lapsedAt,
        pendingVerifications: pending,
      });
    }
    case 'LegalHoldPlaced':
      return advocateWith(state, {
        legalHolds: recordWith(state.legalHolds, event.data.holdId, { matter: event.data.matter }),
      });
    case 'LegalHoldReleased': {
      const { [event.data.holdId]: _released, ...holds } = state.legalHolds;
      return advocateWith(state, { legalHolds: holds });
    }
    case 'ErasureDeferred':
      // The person asked to be forgotten: never contact them while the hold keeps their data.
      return advocateWith(state, {
        status: 'DO_NOT_CONTACT',
        deferredErasure: {
          reason: event.data.reason,
          requestedBy: event.data.requestedBy,
          requestedAt: event.data.requestedAt,
        },
      });
    case 'AdvocateErased':
      return advocateWith(state, {
        status: 'ERASED',
        contact: undefined,
        deferredErasure: undefined,
        erasedAt: event.data.erasedAt,
      });
    default:
      return undefined;
  }
}

/** Folds one advocate event into the state. Never throws, whatever the history. */
export function evolveAdvocate(state: AdvocateState, event: AdvocateEvent): AdvocateState {
  return (
    evolveProfileAndConsents(state, event) ??
    evolveEngagements(state, event) ??
    evolveRecords(state, event) ??
    evolveSelfServe(state, event) ??
    state
  );
}

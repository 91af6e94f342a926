import type { EveryMember } from '../shared/every-member';
import type { AdvocateState } from './advocate-state';
import type { Engagement } from './engagement';

// A fold spreads each state into the next: on Node 20 `{ ...state, member }` of a state that was
// itself built by a spread takes V8's slow clone (≈ 0.7 µs at 21 members); the members written out
// into one literal, then the change assigned over them, take ≈ 0.06 µs and share one hidden class.

/** A new advocate state: `state`'s members, then `change` over them (`state` is left as it is). */
export function advocateWith(state: AdvocateState, change: Partial<AdvocateState>): AdvocateState {
  const next: EveryMember<AdvocateState> = {
    advocateId: state.advocateId,
    accountId: state.accountId,
    status: state.status,
    restingUntil: state.restingUntil,
    contact: state.contact,
    attributes: state.attributes,
    preferences: state.preferences,
    consents: state.consents,
    engagements: state.engagements,
    rewards: state.rewards,
    enrolledAt: state.enrolledAt,
    lastVerifiedAt: state.lastVerifiedAt,
    verificationLapsedAt: state.verificationLapsedAt,
    pendingVerifications: state.pendingVerifications,
    legalHolds: state.legalHolds,
    deferredErasure: state.deferredErasure,
    retiredAt: state.retiredAt,
    leftAccountAt: state.leftAccountAt,
    erasedAt: state.erasedAt,
    recordedExpiries: state.recordedExpiries,
    selfServePool: state.selfServePool,
  };
  return Object.assign(next, change);
}

/** A new engagement: `engagement`'s members, then `change` over them. */
export function engagementWith(engagement: Engagement, change: Partial<Engagement>): Engagement {
  const next: EveryMember<Engagement> = {
    engagementId: engagement.engagementId,
    requestId: engagement.requestId,
    kind: engagement.kind,
    territory: engagement.territory,
    channel: engagement.channel,
    status: engagement.status,
    reservedAt: engagement.reservedAt,
    activityAt: engagement.activityAt,
    consentId: engagement.consentId,
    consentVersion: engagement.consentVersion,
    useApproved: engagement.useApproved,
    rating: engagement.rating,
    countsTowardFatigue: engagement.countsTowardFatigue,
    topicFit: engagement.topicFit,
    advocateFeedback: engagement.advocateFeedback,
  };
  return Object.assign(next, change);
}

import { availabilityOf, DEFAULT_PROGRAM_POLICIES, fold, advocateDecider, type AdvocateEvent } from '../src';
import {
  ADVOCATE_ID,
  activeAdvocate,
  advocateEnrolled,
  consentGranted,
  day,
  engagementReserved,
  pastEngagement,
} from './support/builders';

const stateOf = (...events: AdvocateEvent[]) => fold(advocateDecider, events);
const available = (...events: AdvocateEvent[]) =>
  availabilityOf(stateOf(...events), 'REFERENCE_CALL', day(0), DEFAULT_PROGRAM_POLICIES, {
    territory: 'EMEA',
    channel: 'PRIVATE',
  });

describe('availability of an advocate', () => {
  it('an active advocate with consent and headroom is available, with the consent and its expiry', () => {
    expect(available(...activeAdvocate(), consentGranted())).toEqual({
      kind: 'REFERENCE_CALL',
      available: true,
      reasons: [],
      nextAvailableAt: day(0),
      headroom: 3,
      consentId: 'consent-1',
      consentExpiresAt: day(335),
    });
  });

  it('gives every reason at once: not active, no consent', () => {
    expect(available(advocateEnrolled()).reasons).toEqual([
      { reason: 'NOT_ACTIVE', status: 'CANDIDATE' },
      { reason: 'CONSENT', gap: 'NO_CONSENT' },
    ]);
  });

  it('a resting advocate is available again once the rest and fatigue allow', () => {
    const result = available(...activeAdvocate(), consentGranted(), {
      type: 'AdvocateRested',
      data: { advocateId: ADVOCATE_ID, until: day(20), reason: 'Busy' },
    });
    expect(result.reasons).toEqual([{ reason: 'RESTING', until: day(20) }]);
    expect(result.nextAvailableAt).toBe(day(20));
  });

  it('a withdrawn consent gives no next available date: waiting does not end it', () => {
    const withdrawn: AdvocateEvent = {
      type: 'ConsentWithdrawn',
      data: {
        advocateId: ADVOCATE_ID,
        consentId: 'consent-1',
        version: 1,
        kinds: ['REFERENCE_CALL'],
        reason: 'Changed her mind',
        withdrawnBy: 'pat-pm',
        withdrawnAt: day(-1),
      },
    };
    const result = available(...activeAdvocate(), consentGranted(), withdrawn);
    expect(result.reasons).toEqual([{ reason: 'CONSENT', gap: 'WITHDRAWN' }]);
    expect(result).not.toHaveProperty('nextAvailableAt');
  });

  it('a fatigued advocate is unavailable until the rest period ends', () => {
    const result = available(...activeAdvocate(), consentGranted(), ...pastEngagement('eng-0', day(-2)));
    expect(result.available).toBe(false);
    expect(result.reasons).toEqual([{ reason: 'FATIGUED', until: day(5) }]);
    expect(result.headroom).toBe(0);
  });

  it('agrees with the decider that pending reservations use up a consent’s maximum uses', () => {
    const result = available(
      ...activeAdvocate(),
      consentGranted({ maxUses: 1 }),
      engagementReserved({ engagementId: 'eng-0', activityAt: day(60) }),
    );
    expect(result.reasons).toContainEqual({ reason: 'CONSENT', gap: 'MAX_USES_REACHED' });
  });

  it('a consent out of scope makes the advocate unavailable for that scope only', () => {
    const state = stateOf(...activeAdvocate(), consentGranted({ territories: ['NA'] }));
    expect(
      availabilityOf(state, 'REFERENCE_CALL', day(0), DEFAULT_PROGRAM_POLICIES, {
        territory: 'EMEA',
        channel: 'PRIVATE',
      }).reasons,
    ).toEqual([{ reason: 'CONSENT', gap: 'OUT_OF_SCOPE' }]);
    expect(availabilityOf(state, 'REFERENCE_CALL', day(0), DEFAULT_PROGRAM_POLICIES).available).toBe(true);
  });
});

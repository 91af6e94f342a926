import {
  advocateDecider,
  type ActivityKind,
  type AdvocateEvent,
  type ConsentRenewed,
  type ConsentWithdrawn,
} from '../src';
import {
  ADVOCATE_ID,
  actors,
  activeAdvocate,
  advocateCommand,
  advocateContext,
  consentGranted,
  day,
  engagementAccepted,
  engagementCompleted,
  engagementReserved,
  engagementScheduled,
  grantConsent,
  NOW,
  pastEngagement,
} from './support/builders';
import { specification } from './support/specification';
import { expectFoldGoesOnFromAnySavedPoint } from './support/saved-state';

const advocate = specification(advocateDecider, () => advocateContext());

const withdrawn = (kinds: ConsentWithdrawn['data']['kinds'], consentId = 'consent-1'): ConsentWithdrawn => ({
  type: 'ConsentWithdrawn',
  data: {
    advocateId: ADVOCATE_ID,
    consentId,
    version: 1,
    kinds,
    reason: 'Legal asked her to stop',
    withdrawnBy: actors.programManager.userId,
    withdrawnAt: NOW,
  },
});

describe('granting a consent', () => {
  it('records what was permitted, where, for how long, and how it was collected', () => {
    advocate
      .given(activeAdvocate())
      .when(
        grantConsent({
          territories: ['emea', 'dach'],
          maxUses: 3,
          evidenceHash: 'A'.repeat(64),
        }),
      )
      .then([
        {
          type: 'ConsentGranted',
          data: {
            advocateId: ADVOCATE_ID,
            consentId: 'consent-1',
            version: 1,
            kinds: ['REFERENCE_CALL', 'CASE_STUDY'],
            territories: ['EMEA', 'DACH'],
            channels: ['PRIVATE', 'WEB'],
            validFrom: day(0),
            validUntil: day(365),
            maxUses: 3,
            perUseApprovalRequired: false,
            collection: {
              method: 'E_SIGNATURE',
              collectedAt: day(-1),
              collectedBy: actors.programManager.userId,
              evidenceHash: 'a'.repeat(64),
              noticeVersion: 'privacy-2026-01',
            },
            grantedAt: NOW,
          },
        },
      ]);
  });

  it('a consent id is granted once; a second grant must renew instead', () => {
    advocate
      .given([...activeAdvocate(), consentGranted()])
      .when(grantConsent())
      .thenThrows('ALREADY_EXISTS');
  });

  it('a consent that ends before it begins is refused', () => {
    advocate
      .given(activeAdvocate())
      .when(grantConsent({ validFrom: day(10), validUntil: day(5) }))
      .thenThrows('VALIDATION_FAILED', /validUntil must be after validFrom/);
  });

  it('a consent collected in the future is refused', () => {
    advocate
      .given(activeAdvocate())
      .when(grantConsent({ collectedAt: day(1) }))
      .thenThrows('VALIDATION_FAILED', /collectedAt must not be in the future/);
  });

  it('evidence must be a SHA-256 digest', () => {
    advocate
      .given(activeAdvocate())
      .when(grantConsent({ evidenceHash: 'not-a-hash' }))
      .thenThrows('VALIDATION_FAILED', /evidenceHash/);
  });
});

describe('renewing a consent', () => {
  const renew = (data: { validUntil?: string; maxUses?: number } = {}) =>
    advocateCommand('RenewConsent', {
      consentId: 'consent-1',
      collectionMethod: 'WEB_FORM',
      collectedAt: NOW,
      noticeVersion: 'privacy-2026-11',
      ...data,
    });

  it('extends the validity and bumps the version that later uses name', () => {
    advocate
      .given([...activeAdvocate(), consentGranted({ validUntil: day(10) })])
      .when(renew({ validUntil: day(400) }))
      .thenEvents(([renewed], state) => {
        expect((renewed as ConsentRenewed).data).toMatchObject({ version: 2, validUntil: day(400) });
        expect(state.consents['consent-1']).toMatchObject({ version: 2, validUntil: day(400) });
      });
  });

  it('a renewed consent lets an advocate be reserved past the old end date, naming version 2', () => {
    advocate
      .given([
        ...activeAdvocate(),
        consentGranted({ validUntil: day(5) }),
        {
          type: 'ConsentRenewed',
          data: {
            advocateId: ADVOCATE_ID,
            consentId: 'consent-1',
            version: 2,
            validUntil: day(400),
            collection: consentGranted().data.collection,
            renewedAt: NOW,
          },
        },
      ])
      .when(advocateCommand('ReserveEngagement', { ...reserveData(), activityAt: day(10) }))
      .thenEvents(([reserved]) => expect(reserved).toMatchObject({ data: { consentVersion: 2 } }));
  });

  it('a wholly withdrawn consent cannot be renewed', () => {
    advocate
      .given([...activeAdvocate(), consentGranted(), withdrawn(['REFERENCE_CALL', 'CASE_STUDY'])])
      .when(renew({ validUntil: day(400) }))
      .thenThrows('INVALID_TRANSITION', /withdrawn/);
  });

  it('max uses cannot be renewed below the uses already made', () => {
    advocate
      .given([
        ...activeAdvocate(),
        consentGranted({ maxUses: 5 }),
        ...pastEngagement('eng-a', day(-20)),
        ...pastEngagement('eng-b', day(-10)),
      ])
      .when(renew({ maxUses: 1 }))
      .thenThrows('VALIDATION_FAILED', /maxUses must be at least the 2 uses already made/);
  });

  it('an unknown consent cannot be renewed', () => {
    advocate.given(activeAdvocate()).when(renew()).thenThrows('NOT_FOUND');
  });
});

// Invariant 5
describe('withdrawing a consent (invariant 5)', () => {
  const withdraw = (kinds?: ActivityKind[]) =>
    advocateCommand('WithdrawConsent', {
      consentId: 'consent-1',
      ...(kinds ? { kinds } : {}),
      reason: 'Legal asked her to stop',
    });

  // Invariant 5
  it('releases the pending engagements of the withdrawn kinds at once', () => {
    advocate
      .given([
        ...activeAdvocate(),
        consentGranted(),
        engagementReserved({
          engagementId: 'eng-cs',
          kind: 'CASE_STUDY',
          channel: 'WEB',
          activityAt: day(20),
        }),
        engagementReserved({ engagementId: 'eng-call', kind: 'REFERENCE_CALL', activityAt: day(40) }),
        engagementAccepted('eng-call'),
      ])
      .when(withdraw(['CASE_STUDY']))
      .then([
        withdrawn(['CASE_STUDY']),
        {
          type: 'EngagementReleased',
          data: {
            advocateId: ADVOCATE_ID,
            engagementId: 'eng-cs',
            requestId: 'req-1',
            kind: 'CASE_STUDY',
            reason: 'CONSENT_WITHDRAWN',
            releasedAt: NOW,
          },
        },
      ]);
  });

  // Invariant 5
  it('without a withdrawal the pending engagement stays reserved', () => {
    advocate
      .given([
        ...activeAdvocate(),
        consentGranted(),
        engagementReserved({ kind: 'CASE_STUDY', channel: 'WEB' }),
      ])
      .when(withdraw(['REFERENCE_CALL']))
      .thenEvents((events, state) => {
        expect(events.map((e) => e.type)).toEqual(['ConsentWithdrawn']);
        expect(state.engagements['eng-1']?.status).toBe('RESERVED');
      });
  });

  // Invariant 5
  it('a withdrawal of the whole consent releases scheduled engagements too', () => {
    advocate
      .given([
        ...activeAdvocate(),
        consentGranted(),
        engagementReserved(),
        engagementAccepted(),
        engagementScheduled(day(10)),
      ])
      .when(withdraw())
      .thenEvents((events, state) => {
        expect(events[0]).toEqual(withdrawn(['REFERENCE_CALL', 'CASE_STUDY']));
        expect(events[1]).toMatchObject({
          type: 'EngagementReleased',
          data: { reason: 'CONSENT_WITHDRAWN' },
        });
        expect(state.engagements['eng-1']?.status).toBe('RELEASED');
      });
  });

  // Invariant 5
  it('earlier uses stay lawful and stay in history', () => {
    advocate
      .given([...activeAdvocate(), consentGranted(), ...pastEngagement('eng-0', day(-20))])
      .when(withdraw())
      .thenEvents((events, state) => {
        expect(events.map((e) => e.type)).toEqual(['ConsentWithdrawn']);
        expect(state.engagements['eng-0']).toMatchObject({
          status: 'COMPLETED',
          consentId: 'consent-1',
          consentVersion: 1,
        });
        expect(state.consents['consent-1']?.uses).toBe(1);
      });
  });

  // Invariant 5
  it('after a withdrawal the advocate can no longer be reserved for that kind', () => {
    advocate
      .given([...activeAdvocate(), consentGranted(), withdrawn(['REFERENCE_CALL'])])
      .when(advocateCommand('ReserveEngagement', reserveData()))
      .thenThrows('CONSENT_REQUIRED', /withdrawn/);
  });

  it('withdrawing kinds no longer granted is refused: there is nothing to withdraw', () => {
    advocate
      .given([...activeAdvocate(), consentGranted(), withdrawn(['CASE_STUDY'])])
      .when(withdraw(['CASE_STUDY']))
      .thenThrows('INVALID_TRANSITION');
    advocate
      .given([...activeAdvocate(), consentGranted({ kinds: ['REFERENCE_CALL'] })])
      .when(withdraw(['VIDEO']))
      .thenThrows('INVALID_TRANSITION');
  });
});

describe('recording that a consent has expired', () => {
  const expire = advocateCommand('RecordConsentExpiry', { consentId: 'consent-1' });
  const history: AdvocateEvent[] = [
    ...activeAdvocate(),
    consentGranted({ validUntil: day(-1) }),
    engagementReserved({ engagementId: 'eng-late', activityAt: day(-1) }),
    engagementReserved({ engagementId: 'eng-early', activityAt: day(-3) }),
  ];

  it('records the expiry and releases engagements that would take place after it', () => {
    advocate
      .given(history)
      .when(expire)
      .then([
        {
          type: 'ConsentExpired',
          data: { advocateId: ADVOCATE_ID, consentId: 'consent-1', version: 1, expiredAt: day(-1) },
        },
        {
          type: 'EngagementReleased',
          data: {
            advocateId: ADVOCATE_ID,
            engagementId: 'eng-late',
            requestId: 'req-1',
            kind: 'REFERENCE_CALL',
            reason: 'CONSENT_EXPIRED',
            releasedAt: NOW,
          },
        },
      ]);
  });

  it('a consent still in force has not expired', () => {
    advocate
      .given([...activeAdvocate(), consentGranted()])
      .when(expire)
      .thenThrows('INVALID_TRANSITION', /IN_FORCE/);
  });

  it('a consent without an end date never expires', () => {
    advocate
      .given([...activeAdvocate(), consentGranted({ validUntil: undefined })])
      .when(expire)
      .thenThrows('INVALID_TRANSITION');
  });

  it('an expiry is recorded once per version', () => {
    advocate
      .given([
        ...history,
        {
          type: 'ConsentExpired',
          data: { advocateId: ADVOCATE_ID, consentId: 'consent-1', version: 1, expiredAt: day(-1) },
        },
      ])
      .when(expire)
      .thenThrows('INVALID_TRANSITION', /EXPIRY_RECORDED/);
  });

  it('an engagement that took place before the expiry stays completed', () => {
    advocate
      .given([
        ...activeAdvocate(),
        consentGranted({ validUntil: day(-1) }),
        ...pastEngagement('eng-0', day(-5)),
        engagementCompleted({ engagementId: 'eng-0', completedAt: day(-5) }),
      ])
      .when(expire)
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['ConsentExpired']));
  });
});

function reserveData() {
  return {
    engagementId: 'eng-9',
    kind: 'REFERENCE_CALL' as const,
    territory: 'EMEA',
    channel: 'PRIVATE' as const,
    activityAt: day(10),
    ownerClearance: { kind: 'OWNER' as const, by: actors.accountOwner.userId },
  };
}

describe('a consent read back from a snapshot', () => {
  it('is withdrawn, renewed and used into the same state as straight through, member order included', () => {
    expectFoldGoesOnFromAnySavedPoint(advocateDecider, [
      ...activeAdvocate(),
      consentGranted(),
      withdrawn(['CASE_STUDY']),
    ]);
  });
});

import {
  advocateDecider,
  type AdvocateEvent,
  type EngagementReserved,
  type EngagementScheduled,
  type ScheduleEngagement,
} from '../src';
import {
  ADVOCATE_ID,
  actors,
  activeAdvocate,
  advocateContext,
  advocateEnrolled,
  advocateCommand,
  cmd,
  consentGranted,
  day,
  engagementAccepted,
  engagementCompleted,
  engagementReleased,
  engagementReserved,
  engagementScheduled,
  NOW,
  pastEngagement,
  reserveEngagement,
} from './support/builders';
import { specification } from './support/specification';

const advocate = specification(advocateDecider, () => advocateContext());
const asOwner = { actor: actors.accountOwner };

const schedule = (at: string, fatigueOverrideReason?: string, engagementId = 'eng-1') =>
  cmd<ScheduleEngagement>('ScheduleEngagement', {
    engagementId,
    at,
    ...(fatigueOverrideReason ? { fatigueOverrideReason } : {}),
  });

describe('reserving an advocate for an engagement', () => {
  it('records the engagement with the consent and version it relies on and the owner clearance', () => {
    advocate
      .given([...activeAdvocate(), consentGranted()])
      .when(reserveEngagement())
      .then([
        {
          type: 'EngagementReserved',
          data: {
            advocateId: ADVOCATE_ID,
            engagementId: 'eng-1',
            requestId: 'req-1',
            kind: 'REFERENCE_CALL',
            territory: 'EMEA',
            channel: 'PRIVATE',
            activityAt: day(10),
            consentId: 'consent-1',
            consentVersion: 1,
            ownerClearance: { kind: 'OWNER', by: actors.accountOwner.userId },
            reservedAt: NOW,
          },
        },
      ]);
  });

  it('cannot reserve the same engagement twice', () => {
    advocate
      .given([...activeAdvocate(), consentGranted(), engagementReserved()])
      .when(reserveEngagement({ activityAt: day(40) }))
      .thenThrows('ALREADY_EXISTS');
  });

  it('refuses an activity date in the past', () => {
    advocate
      .given([...activeAdvocate(), consentGranted()])
      .when(reserveEngagement({ activityAt: day(-1) }))
      .thenThrows('VALIDATION_FAILED', /activityAt/);
  });
});

// Invariant 1
describe('the consent gate (invariant 1)', () => {
  const given = (...consent: AdvocateEvent[]) => advocate.given([...activeAdvocate(), ...consent]);

  // Invariant 1
  it('an advocate with consent in force for REFERENCE_CALL in EMEA can be reserved for one', () => {
    given(consentGranted({ kinds: ['REFERENCE_CALL'] }))
      .when(reserveEngagement())
      .thenEvents((events) => {
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({ data: { consentId: 'consent-1', consentVersion: 1 } });
      });
  });

  // Invariant 1
  it('an advocate without any consent cannot be reserved', () => {
    given()
      .when(reserveEngagement())
      .thenThrows('CONSENT_REQUIRED', /no consent on record/);
  });

  // Invariant 1
  it('an advocate without consent for CASE_STUDY cannot be reserved for one', () => {
    const error = given(consentGranted({ kinds: ['REFERENCE_CALL'] }))
      .when(reserveEngagement({ kind: 'CASE_STUDY', channel: 'WEB' }))
      .thenThrows('CONSENT_REQUIRED');
    expect(error.details).toMatchObject({ kind: 'CASE_STUDY', gap: 'KIND_NOT_COVERED' });
  });

  // Invariant 1
  it("an advocate whose consent does not cover the requester's territory cannot be reserved", () => {
    const error = given(consentGranted({ territories: ['EMEA'] }))
      .when(reserveEngagement({ territory: 'NA' }))
      .thenThrows('CONSENT_REQUIRED');
    expect(error.details).toMatchObject({ gap: 'OUT_OF_SCOPE' });
  });

  // Invariant 1
  it("an advocate whose consent does not cover the requester's channel cannot be reserved", () => {
    given(consentGranted({ channels: ['PRIVATE'] }))
      .when(reserveEngagement({ channel: 'PRESS' }))
      .thenThrows('CONSENT_REQUIRED', /territory and channel/);
  });

  // Invariant 1
  it('a GLOBAL consent covers every territory', () => {
    given(consentGranted({ territories: ['GLOBAL'] }))
      .when(reserveEngagement({ territory: 'apac' }))
      .thenEvents(([reserved]) => expect(reserved).toMatchObject({ data: { territory: 'APAC' } }));
  });

  // Invariant 1
  it('an expired consent does not allow a reservation', () => {
    const error = given(consentGranted({ validFrom: day(-400), validUntil: day(-1) }))
      .when(reserveEngagement())
      .thenThrows('CONSENT_REQUIRED');
    expect(error.details).toMatchObject({ gap: 'EXPIRED' });
  });

  // Invariant 1
  it('a consent that expires before the activity date does not allow a reservation', () => {
    const error = given(consentGranted({ validUntil: day(5) }))
      .when(reserveEngagement({ activityAt: day(10) }))
      .thenThrows('CONSENT_REQUIRED');
    expect(error.details).toMatchObject({ gap: 'EXPIRED', at: day(10) });
  });

  // Invariant 1
  it('a consent that is not valid yet does not allow a reservation now', () => {
    given(consentGranted({ validFrom: day(3) }))
      .when(reserveEngagement({ activityAt: day(10) }))
      .thenThrows('CONSENT_REQUIRED', /not valid yet/);
  });

  // Invariant 1
  it('a withdrawn consent does not allow a reservation', () => {
    given(consentGranted(), {
      type: 'ConsentWithdrawn',
      data: {
        advocateId: ADVOCATE_ID,
        consentId: 'consent-1',
        version: 1,
        kinds: ['REFERENCE_CALL'],
        reason: 'No more calls',
        withdrawnBy: 'pat-pm',
        withdrawnAt: day(-2),
      },
    })
      .when(reserveEngagement())
      .thenThrows('CONSENT_REQUIRED', /withdrawn/);
  });

  // Invariant 1
  it('a consent whose maximum uses are reached does not allow another reservation', () => {
    const error = given(consentGranted({ maxUses: 1 }), ...pastEngagement('eng-0', day(-20)))
      .when(reserveEngagement())
      .thenThrows('CONSENT_REQUIRED');
    expect(error.details).toMatchObject({ gap: 'MAX_USES_REACHED' });
  });

  // Invariant 1
  it('pending reservations count against a consent’s maximum uses', () => {
    given(consentGranted({ maxUses: 1 }), engagementReserved({ engagementId: 'eng-0', activityAt: day(30) }))
      .when(reserveEngagement({ engagementId: 'eng-1', activityAt: day(50) }))
      .thenThrows('CONSENT_REQUIRED', /maximum number of uses/);
  });

  // Invariant 1
  it('a released reservation frees the use again', () => {
    given(
      consentGranted({ maxUses: 1 }),
      engagementReserved({ engagementId: 'eng-0', activityAt: day(30) }),
      engagementReleased('eng-0'),
    )
      .when(reserveEngagement({ engagementId: 'eng-1', activityAt: day(50) }))
      .thenEvents(([reserved]) => expect(reserved?.type).toBe('EngagementReserved'));
  });

  // Invariant 1
  it('among several consents in force, the longest-valid one is named', () => {
    given(
      consentGranted({ consentId: 'short', validUntil: day(100) }),
      consentGranted({ consentId: 'long', validUntil: day(700) }),
    )
      .when(reserveEngagement())
      .thenEvents(([reserved]) => expect(reserved).toMatchObject({ data: { consentId: 'long' } }));
  });

  // Invariant 1
  it('scheduling an engagement names the consent in force and is refused once the consent has lapsed', () => {
    const history = [
      ...activeAdvocate(),
      consentGranted({ validUntil: day(20) }),
      engagementReserved(),
      engagementAccepted(),
    ];
    advocate
      .given(history)
      .when(schedule(day(12)))
      .thenEvents(([scheduled]) =>
        expect((scheduled as EngagementScheduled).data).toMatchObject({
          consentId: 'consent-1',
          consentVersion: 1,
          at: day(12),
        }),
      );
    advocate
      .given(history)
      .when(schedule(day(25)))
      .thenThrows('CONSENT_REQUIRED', /expired/);
  });

  // Invariant 1
  it('completing an engagement records the usage under the consent and version in force', () => {
    const history = [
      ...activeAdvocate(),
      consentGranted(),
      engagementReserved({ activityAt: day(-2), reservedAt: day(-10) }),
      engagementAccepted(),
      engagementScheduled(day(-2)),
    ];
    advocate
      .given(history)
      .when(advocateCommand('CompleteEngagement', { engagementId: 'eng-1', completedAt: day(-2) }))
      .then([engagementCompleted({ completedAt: day(-2) })]);
  });

  // Invariant 1
  it('an engagement cannot be completed at a time no consent was in force', () => {
    advocate
      .given([
        ...activeAdvocate(),
        consentGranted({ validFrom: day(-30), validUntil: day(-5) }),
        engagementReserved({ activityAt: day(-2), reservedAt: day(-10) }),
        engagementAccepted(),
        engagementScheduled(day(-2)),
      ])
      .when(advocateCommand('CompleteEngagement', { engagementId: 'eng-1', completedAt: day(-2) }))
      .thenThrows('CONSENT_REQUIRED');
  });

  it('where the consent asks for per-use approval, a use completes only once approved', () => {
    const history = [
      ...activeAdvocate(),
      consentGranted({ perUseApprovalRequired: true }),
      engagementReserved({ activityAt: day(-2), reservedAt: day(-10) }),
      engagementAccepted(),
      engagementScheduled(day(-2)),
    ];
    const complete = advocateCommand('CompleteEngagement', { engagementId: 'eng-1' });
    advocate.given(history).when(complete).thenThrows('PER_USE_APPROVAL_REQUIRED');
    advocate
      .given([
        ...history,
        {
          type: 'UseApproved',
          data: {
            advocateId: ADVOCATE_ID,
            engagementId: 'eng-1',
            evidence: 'email 2026-11-20',
            approvedAt: NOW,
          },
        },
      ])
      .when(complete)
      .thenEvents(([completed]) => expect(completed?.type).toBe('EngagementCompleted'));
  });
});

// Invariant 2
describe('the fatigue gate (invariant 2)', () => {
  // Default program: 4 per 90 days, 3 reference calls per 90 days, 7 rest days.
  const fourEngagements = [
    ...pastEngagement('eng-a', day(-80), 'CASE_STUDY'),
    ...pastEngagement('eng-b', day(-60), 'CASE_STUDY'),
    ...pastEngagement('eng-c', day(-40), 'CASE_STUDY'),
    ...pastEngagement('eng-d', day(-20), 'CASE_STUDY'),
  ];
  const given = (...history: AdvocateEvent[]) =>
    advocate.given([...activeAdvocate(), consentGranted({ maxUses: 100 }), ...history]);

  // Invariant 2
  it('an advocate under the program limits can be reserved', () => {
    given(...pastEngagement('eng-a', day(-40)))
      .when(reserveEngagement())
      .thenEvents(([reserved]) =>
        expect((reserved as EngagementReserved).data.fatigueOverride).toBeUndefined(),
      );
  });

  // Invariant 2
  it('an advocate with 4 engagements in the rolling 90 days cannot be reserved for a fifth', () => {
    const error = given(...fourEngagements)
      .when(reserveEngagement({ activityAt: day(5) }))
      .thenThrows('FATIGUE_LIMIT');
    expect(error.details).toMatchObject({
      breaches: [expect.stringContaining('the program limit of 4 engagements per 90 days')],
    });
  });

  // Invariant 2
  it('the rolling window moves on: the oldest engagement leaving the window frees a slot', () => {
    // No 90-day window holds both day -80 and day 10.
    given(...fourEngagements)
      .when(reserveEngagement({ activityAt: day(10) }))
      .thenEvents(([reserved]) => expect(reserved?.type).toBe('EngagementReserved'));
  });

  // Invariant 2
  it('the per-kind limit holds: a fourth REFERENCE_CALL in 90 days is refused, another kind is not', () => {
    const threeCalls = [
      ...pastEngagement('eng-a', day(-60)),
      ...pastEngagement('eng-b', day(-40)),
      ...pastEngagement('eng-c', day(-20)),
    ];
    given(...threeCalls)
      .when(reserveEngagement({ kind: 'REFERENCE_CALL' }))
      .thenThrows('FATIGUE_LIMIT', /REFERENCE_CALL engagements per 90 days/);
    given(...threeCalls)
      .when(reserveEngagement({ kind: 'CASE_STUDY', channel: 'WEB' }))
      .thenEvents(([reserved]) => expect(reserved?.type).toBe('EngagementReserved'));
  });

  // Invariant 2
  it('reserved engagements in the future count against the window', () => {
    given(
      engagementReserved({ engagementId: 'eng-a', activityAt: day(20), kind: 'CASE_STUDY' }),
      engagementReserved({ engagementId: 'eng-b', activityAt: day(40), kind: 'CASE_STUDY' }),
      engagementReserved({ engagementId: 'eng-c', activityAt: day(60), kind: 'CASE_STUDY' }),
      engagementReserved({ engagementId: 'eng-d', activityAt: day(80), kind: 'CASE_STUDY' }),
    )
      .when(reserveEngagement({ engagementId: 'eng-e', activityAt: day(1) }))
      .thenThrows('FATIGUE_LIMIT');
  });

  // Invariant 2
  it('released engagements do not count', () => {
    given(
      ...fourEngagements.slice(0, 12),
      engagementReserved({ engagementId: 'eng-d', activityAt: day(-20), kind: 'CASE_STUDY' }),
      engagementReleased('eng-d', 'DECLINED', 'CASE_STUDY'),
    )
      .when(reserveEngagement())
      .thenEvents(([reserved]) => expect(reserved?.type).toBe('EngagementReserved'));
  });

  // Invariant 2
  it('at least the rest days lie between two engagements', () => {
    given(...pastEngagement('eng-a', day(5)).slice(0, 1))
      .when(reserveEngagement({ engagementId: 'eng-b', activityAt: day(10) }))
      .thenThrows('FATIGUE_LIMIT', /7 rest days/);
    given(...pastEngagement('eng-a', day(5)).slice(0, 1))
      .when(reserveEngagement({ engagementId: 'eng-b', activityAt: day(12) }))
      .thenEvents(([reserved]) => expect(reserved?.type).toBe('EngagementReserved'));
  });

  // Invariant 2
  it("the advocate's own stricter limit holds alongside the program's", () => {
    const ownLimit: AdvocateEvent = {
      type: 'AdvocatePreferencesSet',
      data: {
        advocateId: ADVOCATE_ID,
        preferences: { maxEngagementsPerWindow: 1, windowDays: 180, preferredActivities: [], blackouts: [] },
      },
    };
    given(ownLimit, ...pastEngagement('eng-a', day(-100)))
      .when(reserveEngagement())
      .thenThrows('FATIGUE_LIMIT', /advocate's own limit of 1 engagements per 180 days/);
    given(...pastEngagement('eng-a', day(-100)))
      .when(reserveEngagement())
      .thenEvents(([reserved]) => expect(reserved?.type).toBe('EngagementReserved'));
  });

  // Invariant 2
  it("the advocate's blackout dates hold", () => {
    const blackout: AdvocateEvent = {
      type: 'AdvocatePreferencesSet',
      data: {
        advocateId: ADVOCATE_ID,
        preferences: { preferredActivities: [], blackouts: [{ from: day(8), until: day(15) }] },
      },
    };
    given(blackout)
      .when(reserveEngagement({ activityAt: day(10) }))
      .thenThrows('FATIGUE_LIMIT', /unavailable/);
    given(blackout)
      .when(reserveEngagement({ activityAt: day(15) }))
      .thenEvents(([reserved]) => expect(reserved?.type).toBe('EngagementReserved'));
  });

  // Invariant 2
  it("a program manager's override of the fatigue limits is recorded in the event, with the reason and the breaches", () => {
    given(...fourEngagements)
      .when(
        reserveEngagement({
          activityAt: day(5),
          fatigueOverrideReason: 'Strategic deal; advocate volunteered.',
        }),
      )
      .thenEvents(([reserved]) =>
        expect((reserved as EngagementReserved).data.fatigueOverride).toEqual({
          by: actors.programManager.userId,
          reason: 'Strategic deal; advocate volunteered.',
          breaches: [expect.stringContaining('program limit of 4')],
        }),
      );
  });

  // Invariant 2
  it('anyone but a program manager overriding the fatigue limits is FORBIDDEN', () => {
    given(...fourEngagements)
      .when(reserveEngagement({ activityAt: day(5), fatigueOverrideReason: 'I really need her' }), asOwner)
      .thenThrows('FORBIDDEN');
  });

  // Invariant 2
  it('an override reason where nothing is breached records no override', () => {
    given()
      .when(reserveEngagement({ fatigueOverrideReason: 'just in case' }), asOwner)
      .thenEvents(([reserved]) =>
        expect((reserved as EngagementReserved).data.fatigueOverride).toBeUndefined(),
      );
  });

  // Invariant 2
  it('rescheduling is checked against the fatigue rules, not counting the engagement itself', () => {
    const history = [
      engagementReserved({ engagementId: 'eng-0', activityAt: day(30), kind: 'CASE_STUDY' }),
      engagementReserved(),
      engagementAccepted(),
    ];
    given(...history)
      .when(schedule(day(28)))
      .thenThrows('FATIGUE_LIMIT', /rest days/);
    given(...history)
      .when(schedule(day(28), 'Only date the customer can do'))
      .thenEvents(([scheduled]) =>
        expect((scheduled as EngagementScheduled).data.fatigueOverride).toMatchObject({
          by: actors.programManager.userId,
          reason: 'Only date the customer can do',
        }),
      );
    given(...history)
      .when(schedule(day(28), 'Only date'), asOwner)
      .thenThrows('FORBIDDEN');
    given(...history)
      .when(schedule(day(12)))
      .thenEvents(([scheduled]) => expect(scheduled?.type).toBe('EngagementScheduled'));
  });
});

// Invariant 3
describe('the owner gate (invariant 3)', () => {
  const given = () => advocate.given([...activeAdvocate(), consentGranted()]);

  // Invariant 3
  it("a reservation cleared by the account owner records the owner's approval", () => {
    given()
      .when(reserveEngagement({ ownerClearance: { kind: 'OWNER', by: 'olga-ae' } }))
      .thenEvents(([reserved]) =>
        expect((reserved as EngagementReserved).data.ownerClearance).toEqual({
          kind: 'OWNER',
          by: 'olga-ae',
        }),
      );
  });

  // Invariant 3
  it("a program manager's override of the owner is recorded with its reason", () => {
    given()
      .when(
        reserveEngagement({
          ownerClearance: { kind: 'OVERRIDE', by: actors.programManager.userId, reason: 'Owner on leave' },
        }),
      )
      .thenEvents(([reserved]) =>
        expect((reserved as EngagementReserved).data.ownerClearance).toEqual({
          kind: 'OVERRIDE',
          by: actors.programManager.userId,
          reason: 'Owner on leave',
        }),
      );
  });

  // Invariant 3
  it('an override of the owner without a reason is refused', () => {
    given()
      .when(reserveEngagement({ ownerClearance: { kind: 'OVERRIDE', by: actors.programManager.userId } }))
      .thenThrows('OWNER_APPROVAL_REQUIRED');
  });

  // Invariant 3
  it('only a program manager may override the account owner', () => {
    given()
      .when(
        reserveEngagement({
          ownerClearance: { kind: 'OVERRIDE', by: actors.requester.userId, reason: 'Deal is urgent' },
        }),
        { actor: actors.requester },
      )
      .thenThrows('FORBIDDEN');
  });

  // Invariant 3
  it('a reservation without any owner clearance is refused as invalid', () => {
    given()
      .when(reserveEngagement({ ownerClearance: undefined as never }))
      .thenThrows('VALIDATION_FAILED', /ownerClearance/);
  });
});

// Invariant 4
describe('the status gate (invariant 4)', () => {
  const withConsent = (...history: AdvocateEvent[]) => [...history, consentGranted()];
  const rested = (until: string): AdvocateEvent => ({
    type: 'AdvocateRested',
    data: { advocateId: ADVOCATE_ID, until, reason: 'Busy quarter' },
  });

  // Invariant 4
  it('an ACTIVE advocate can be asked', () => {
    advocate
      .given(withConsent(...activeAdvocate()))
      .when(reserveEngagement())
      .thenEvents(([reserved]) => expect(reserved?.type).toBe('EngagementReserved'));
  });

  // Invariant 4
  it.each([
    [
      'RETIRED',
      { type: 'AdvocateRetired', data: { advocateId: ADVOCATE_ID, reason: 'Left', retiredAt: day(-1) } },
    ],
    [
      'DO_NOT_CONTACT',
      {
        type: 'AdvocateMarkedDoNotContact',
        data: { advocateId: ADVOCATE_ID, reason: 'Asked us to stop', markedAt: day(-1) },
      },
    ],
    [
      'ERASED',
      {
        type: 'AdvocateErased',
        data: { advocateId: ADVOCATE_ID, reason: 'GDPR', requestedBy: 'ada-admin', erasedAt: day(-1) },
      },
    ],
  ] as [string, AdvocateEvent][])('a %s advocate is never asked', (status, event) => {
    const error = advocate
      .given(withConsent(...activeAdvocate(), event))
      .when(reserveEngagement())
      .thenThrows(status === 'ERASED' ? 'INVALID_TRANSITION' : 'ADVOCATE_UNAVAILABLE');
    expect(error.message).toContain(status);
  });

  // Invariant 4
  it('a CANDIDATE not yet activated is not asked', () => {
    advocate
      .given(withConsent(advocateEnrolled()))
      .when(reserveEngagement())
      .thenThrows('ADVOCATE_UNAVAILABLE', /CANDIDATE/);
  });

  // Invariant 4
  it('a RESTING advocate is not asked until the rest ends', () => {
    const error = advocate
      .given(withConsent(...activeAdvocate(), rested(day(5))))
      .when(reserveEngagement())
      .thenThrows('ADVOCATE_UNAVAILABLE');
    expect(error.details).toMatchObject({ status: 'RESTING', restingUntil: day(5) });
  });

  // Invariant 4
  it('once the rest has ended the advocate can be asked again', () => {
    advocate
      .given(withConsent(...activeAdvocate(), rested(day(5))))
      .when(reserveEngagement({ activityAt: day(10) }), { now: day(6) })
      .thenEvents(([reserved]) => expect(reserved?.type).toBe('EngagementReserved'));
  });
});

describe('the engagement lifecycle (invariant 7)', () => {
  const reserved = [...activeAdvocate(), consentGranted(), engagementReserved()];

  it('a reserved engagement is accepted', () => {
    advocate
      .given(reserved)
      .when(advocateCommand('AcceptEngagement', { engagementId: 'eng-1' }))
      .then([engagementAccepted()]);
  });

  it('an engagement cannot be accepted twice', () => {
    advocate
      .given([...reserved, engagementAccepted()])
      .when(advocateCommand('AcceptEngagement', { engagementId: 'eng-1' }))
      .thenThrows('INVALID_TRANSITION', /ACCEPTED/);
  });

  it('a reserved engagement cannot be scheduled before it is accepted', () => {
    advocate
      .given(reserved)
      .when(schedule(day(12)))
      .thenThrows('INVALID_TRANSITION', /RESERVED/);
  });

  it('only a scheduled engagement can be completed', () => {
    advocate
      .given([...reserved, engagementAccepted()])
      .when(advocateCommand('CompleteEngagement', { engagementId: 'eng-1' }))
      .thenThrows('INVALID_TRANSITION');
  });

  it('an engagement cannot be completed in the future', () => {
    advocate
      .given([...reserved, engagementAccepted(), engagementScheduled(day(10))])
      .when(advocateCommand('CompleteEngagement', { engagementId: 'eng-1', completedAt: day(1) }))
      .thenThrows('VALIDATION_FAILED', /completedAt/);
  });

  // Invariants 1 and 2: a use is dated after the ask that reserved it, or fatigue counts move.
  it('an engagement cannot be completed before the advocate was asked', () => {
    const history = [
      ...activeAdvocate(),
      consentGranted({ validFrom: day(-30) }),
      engagementReserved({ activityAt: day(-2), reservedAt: day(-10) }),
      engagementAccepted(),
      engagementScheduled(day(-2)),
    ];
    advocate
      .given(history)
      .when(advocateCommand('CompleteEngagement', { engagementId: 'eng-1', completedAt: day(-11) }))
      .thenThrows('VALIDATION_FAILED', /completedAt.*before the ask/);
    advocate
      .given(history)
      .when(advocateCommand('CompleteEngagement', { engagementId: 'eng-1', completedAt: day(-10) }))
      .then([engagementCompleted({ completedAt: day(-10) })]);
  });

  it('a pending engagement can be released with a reason', () => {
    advocate
      .given([...reserved, engagementAccepted()])
      .when(
        advocateCommand('ReleaseEngagement', { engagementId: 'eng-1', reason: 'DECLINED', note: 'Too busy' }),
      )
      .then([
        {
          ...engagementReleased('eng-1', 'DECLINED'),
          data: { ...engagementReleased('eng-1', 'DECLINED').data, note: 'Too busy' },
        },
      ]);
  });

  it('a completed engagement cannot be released: the use stays in history', () => {
    advocate
      .given([...reserved, engagementAccepted(), engagementScheduled(day(-1)), engagementCompleted({})])
      .when(advocateCommand('ReleaseEngagement', { engagementId: 'eng-1', reason: 'CANCELLED' }))
      .thenThrows('INVALID_TRANSITION', /COMPLETED/);
  });

  it('feedback is recorded once, on a completed engagement', () => {
    const completed = [
      ...reserved,
      engagementAccepted(),
      engagementScheduled(day(-1)),
      engagementCompleted({}),
    ];
    advocate
      .given(completed)
      .when(advocateCommand('RecordEngagementFeedback', { engagementId: 'eng-1', rating: 5 }), {
        actor: actors.requester,
      })
      .then([
        {
          type: 'EngagementFeedbackRecorded',
          data: { advocateId: ADVOCATE_ID, engagementId: 'eng-1', rating: 5, recordedBy: 'sam-sales' },
        },
      ]);
    advocate
      .given([
        ...completed,
        {
          type: 'EngagementFeedbackRecorded',
          data: { advocateId: ADVOCATE_ID, engagementId: 'eng-1', rating: 4, recordedBy: 'sam-sales' },
        },
      ])
      .when(advocateCommand('RecordEngagementFeedback', { engagementId: 'eng-1', rating: 5 }))
      .thenThrows('INVALID_TRANSITION', /RATED/);
    advocate
      .given(reserved)
      .when(advocateCommand('RecordEngagementFeedback', { engagementId: 'eng-1', rating: 5 }))
      .thenThrows('INVALID_TRANSITION');
  });

  it('an unknown engagement is NOT_FOUND', () => {
    advocate
      .given(reserved)
      .when(advocateCommand('AcceptEngagement', { engagementId: 'eng-404' }))
      .thenThrows('NOT_FOUND');
  });
});

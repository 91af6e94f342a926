import { advocateDecider, type AdvocateEvent } from '../src';
import {
  ADVOCATE_ID,
  actors,
  activeAdvocate,
  advocateActivated,
  advocateCommand,
  advocateContext,
  advocateEnrolled,
  consentGranted,
  day,
  engagementReserved,
  NOW,
} from './support/builders';
import { specification } from './support/specification';

const advocate = specification(advocateDecider, () => advocateContext());

const enrol = advocateCommand('EnrolAdvocate', {
  advocateId: ADVOCATE_ID,
  accountId: 'acme',
  nominationId: 'nom-1',
  name: '  Ines Weber ',
  email: 'Ines@Acme.example',
  title: 'Head of Operations',
  seniority: 'DIRECTOR',
  products: ['Planner'],
  useCases: ['shop-floor planning'],
  languages: ['EN', 'de'],
});

const rested = (until: string): AdvocateEvent => ({
  type: 'AdvocateRested',
  data: { advocateId: ADVOCATE_ID, until, reason: 'Busy quarter' },
});
const retired: AdvocateEvent = {
  type: 'AdvocateRetired',
  data: { advocateId: ADVOCATE_ID, reason: 'Left the company', retiredAt: day(-1) },
};
const doNotContact: AdvocateEvent = {
  type: 'AdvocateMarkedDoNotContact',
  data: { advocateId: ADVOCATE_ID, reason: 'Asked us to stop', markedAt: day(-1) },
};

describe('enrolling an advocate', () => {
  it('enrols a CANDIDATE with normalised contact and attributes', () => {
    advocate
      .given([])
      .when(enrol)
      .thenEvents((events, state) => {
        expect(events).toEqual([
          {
            type: 'AdvocateEnrolled',
            data: {
              advocateId: ADVOCATE_ID,
              accountId: 'acme',
              nominationId: 'nom-1',
              contact: { name: 'Ines Weber', email: 'ines@acme.example', title: 'Head of Operations' },
              attributes: {
                seniority: 'DIRECTOR',
                products: ['Planner'],
                useCases: ['shop-floor planning'],
                languages: ['en', 'de'],
                topics: [],
              },
              enrolledAt: NOW,
            },
          },
        ]);
        expect(state).toMatchObject({ status: 'CANDIDATE', lastVerifiedAt: NOW });
      });
  });

  it('an advocate is enrolled once', () => {
    advocate.given([advocateEnrolled()]).when(enrol).thenThrows('ALREADY_EXISTS');
  });

  it('an advocate not enrolled is NOT_FOUND for any other command', () => {
    advocate.given([]).when(advocateCommand('ActivateAdvocate', {})).thenThrows('NOT_FOUND');
  });
});

// Invariant 7
describe('the advocate lifecycle: CANDIDATE → ACTIVE ↔ RESTING → RETIRED, plus DO_NOT_CONTACT (invariant 7)', () => {
  // Invariant 7
  it('a CANDIDATE is activated', () => {
    advocate
      .given([advocateEnrolled()])
      .when(advocateCommand('ActivateAdvocate', {}))
      .then([advocateActivated(NOW)]);
  });

  // Invariant 7
  it('an ACTIVE advocate cannot be activated again', () => {
    advocate
      .given(activeAdvocate())
      .when(advocateCommand('ActivateAdvocate', {}))
      .thenThrows('INVALID_TRANSITION', /ACTIVE/);
  });

  // Invariant 7
  it('an ACTIVE advocate rests until a future date', () => {
    advocate
      .given(activeAdvocate())
      .when(advocateCommand('RestAdvocate', { until: day(30), reason: 'Busy quarter' }))
      .thenEvents((events, state) => {
        expect(events).toEqual([rested(day(30))]);
        expect(state).toMatchObject({ status: 'RESTING', restingUntil: day(30) });
      });
  });

  // Invariant 7
  it('a rest must end in the future', () => {
    advocate
      .given(activeAdvocate())
      .when(advocateCommand('RestAdvocate', { until: day(-1), reason: 'Busy quarter' }))
      .thenThrows('VALIDATION_FAILED', /until must be in the future/);
  });

  // Invariant 7
  it('a CANDIDATE cannot rest', () => {
    advocate
      .given([advocateEnrolled()])
      .when(advocateCommand('RestAdvocate', { until: day(30), reason: 'Busy' }))
      .thenThrows('INVALID_TRANSITION', /CANDIDATE/);
  });

  // Invariant 7
  it('a RESTING advocate is reactivated early', () => {
    advocate
      .given([...activeAdvocate(), rested(day(30))])
      .when(advocateCommand('ReactivateAdvocate', {}))
      .then([{ type: 'AdvocateReactivated', data: { advocateId: ADVOCATE_ID, reactivatedAt: NOW } }]);
  });

  // Invariant 7
  it('an advocate whose rest ran out by the clock is reactivated on record', () => {
    advocate
      .given([...activeAdvocate(), rested(day(-1))])
      .when(advocateCommand('ReactivateAdvocate', {}))
      .then([{ type: 'AdvocateReactivated', data: { advocateId: ADVOCATE_ID, reactivatedAt: NOW } }]);
  });

  // Invariant 7
  it('an ACTIVE advocate is not reactivated', () => {
    advocate
      .given(activeAdvocate())
      .when(advocateCommand('ReactivateAdvocate', {}))
      .thenThrows('INVALID_TRANSITION');
  });

  // Invariant 7
  it('retiring releases pending engagements', () => {
    advocate
      .given([...activeAdvocate(), consentGranted(), engagementReserved()])
      .when(advocateCommand('RetireAdvocate', { reason: 'Left the company' }))
      .thenEvents((events, state) => {
        expect(events.map((e) => e.type)).toEqual(['AdvocateRetired', 'EngagementReleased']);
        expect(events[1]).toMatchObject({ data: { reason: 'ADVOCATE_UNAVAILABLE' } });
        expect(state).toMatchObject({ status: 'RETIRED', retiredAt: NOW });
      });
  });

  // Invariant 7
  it('a RETIRED advocate cannot be retired again nor rest', () => {
    advocate
      .given([...activeAdvocate(), retired])
      .when(advocateCommand('RetireAdvocate', { reason: 'again' }))
      .thenThrows('INVALID_TRANSITION', /RETIRED/);
    advocate
      .given([...activeAdvocate(), retired])
      .when(advocateCommand('RestAdvocate', { until: day(30), reason: 'x' }))
      .thenThrows('INVALID_TRANSITION');
  });

  // Invariant 7
  it('any live advocate, retired included, can be marked DO_NOT_CONTACT', () => {
    advocate
      .given([...activeAdvocate(), retired])
      .when(advocateCommand('MarkDoNotContact', { reason: 'Asked us to stop' }))
      .thenEvents((events, state) => {
        expect(events.map((e) => e.type)).toEqual(['AdvocateMarkedDoNotContact']);
        expect(state.status).toBe('DO_NOT_CONTACT');
      });
  });

  // Invariant 7
  it('a DO_NOT_CONTACT advocate is not reactivated, retired or marked again', () => {
    for (const command of [
      advocateCommand('ReactivateAdvocate', {}),
      advocateCommand('ActivateAdvocate', {}),
      advocateCommand('RetireAdvocate', { reason: 'x' }),
      advocateCommand('MarkDoNotContact', { reason: 'x' }),
    ]) {
      advocate
        .given([...activeAdvocate(), doNotContact])
        .when(command)
        .thenThrows('INVALID_TRANSITION');
    }
  });
});

describe('the advocate profile', () => {
  it('preferences record the advocate’s own limits, preferred activities and blackouts', () => {
    advocate
      .given(activeAdvocate())
      .when(
        advocateCommand('SetAdvocatePreferences', {
          maxEngagementsPerWindow: 2,
          windowDays: 120,
          minRestDays: 14,
          preferredActivities: ['REFERENCE_CALL'],
          blackouts: [{ from: day(10), until: day(20) }],
        }),
      )
      .thenEvents((_events, state) =>
        expect(state.preferences).toEqual({
          maxEngagementsPerWindow: 2,
          windowDays: 120,
          minRestDays: 14,
          preferredActivities: ['REFERENCE_CALL'],
          blackouts: [{ from: day(10), until: day(20) }],
        }),
      );
  });

  it('a blackout must end after it begins', () => {
    advocate
      .given(activeAdvocate())
      .when(advocateCommand('SetAdvocatePreferences', { blackouts: [{ from: day(20), until: day(10) }] }))
      .thenThrows('VALIDATION_FAILED', /blackouts\[0\]\.until/);
  });

  it('contact details are updated', () => {
    advocate
      .given(activeAdvocate())
      .when(
        advocateCommand('UpdateAdvocateContact', {
          name: 'Ines Weber-Schmidt',
          email: 'ines@acme.example',
          title: 'COO',
        }),
      )
      .thenEvents((_events, state) =>
        expect(state.contact).toMatchObject({ name: 'Ines Weber-Schmidt', title: 'COO' }),
      );
  });
});

describe('verifying a profile', () => {
  const requested: AdvocateEvent = {
    type: 'ProfileVerificationRequested',
    data: {
      advocateId: ADVOCATE_ID,
      verificationId: 'ver-1',
      askedOf: 'olga-ae',
      dueBy: day(-1),
      requestedAt: day(-15),
    },
  };

  it('a verification is requested of the account owner with a due date', () => {
    advocate
      .given(activeAdvocate())
      .when(
        advocateCommand('RequestProfileVerification', {
          verificationId: 'ver-1',
          askedOf: 'olga-ae',
          dueBy: day(14),
        }),
      )
      .then([
        {
          type: 'ProfileVerificationRequested',
          data: {
            advocateId: ADVOCATE_ID,
            verificationId: 'ver-1',
            askedOf: 'olga-ae',
            dueBy: day(14),
            requestedAt: NOW,
          },
        },
      ]);
  });

  it('answering it verifies the profile', () => {
    advocate
      .given([...activeAdvocate(), requested])
      .when(advocateCommand('VerifyProfile', { verificationId: 'ver-1' }), { actor: actors.accountOwner })
      .thenEvents((_events, state) => {
        expect(state.lastVerifiedAt).toBe(NOW);
        expect(state.pendingVerifications).toEqual({});
      });
  });

  it('an unanswered verification past its due date lapses and makes the profile stale', () => {
    advocate
      .given([...activeAdvocate(), requested])
      .when(advocateCommand('LapseProfileVerification', { verificationId: 'ver-1' }))
      .thenEvents((_events, state) => expect(state.verificationLapsedAt).toBe(NOW));
  });

  it('a verification does not lapse before it is due', () => {
    advocate
      .given([
        ...activeAdvocate(),
        { ...requested, data: { ...requested.data, dueBy: day(3) } } as AdvocateEvent,
      ])
      .when(advocateCommand('LapseProfileVerification', { verificationId: 'ver-1' }))
      .thenThrows('INVALID_TRANSITION', /NOT_YET_DUE/);
  });

  it('an unknown verification cannot be answered', () => {
    advocate
      .given(activeAdvocate())
      .when(advocateCommand('VerifyProfile', { verificationId: 'ver-9' }))
      .thenThrows('NOT_FOUND');
  });
});

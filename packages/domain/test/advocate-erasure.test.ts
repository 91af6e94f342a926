import { advocateDecider, personalDataOf, readPath, type AdvocateEvent } from '../src';
import {
  ADVOCATE_ID,
  actors,
  activeAdvocate,
  advocateCommand,
  advocateContext,
  advocateEnrolled,
  consentGranted,
  day,
  engagementReserved,
  NOW,
  pastEngagement,
} from './support/builders';
import { specification } from './support/specification';

const advocate = specification(advocateDecider, () => advocateContext({ actor: actors.admin }));

const holdPlaced = (holdId: string): AdvocateEvent => ({
  type: 'LegalHoldPlaced',
  data: {
    advocateId: ADVOCATE_ID,
    holdId,
    matter: 'Contract dispute 2026-17',
    placedBy: 'ada-admin',
    placedAt: day(-3),
  },
});
const holdReleased = (holdId: string): AdvocateEvent => ({
  type: 'LegalHoldReleased',
  data: { advocateId: ADVOCATE_ID, holdId, reason: 'Settled', releasedBy: 'ada-admin', releasedAt: day(-1) },
});
const erasureDeferred = (holdIds: string[]): AdvocateEvent => ({
  type: 'ErasureDeferred',
  data: {
    advocateId: ADVOCATE_ID,
    reason: 'GDPR Art. 17 request',
    requestedBy: 'ada-admin',
    requestedAt: day(-2),
    holdIds,
  },
});
const requestErasure = advocateCommand('RequestErasure', { reason: 'GDPR Art. 17 request' });
const releaseHold = (holdId: string) =>
  advocateCommand('ReleaseLegalHold', { holdId, reason: 'Dispute settled' });

// Invariant 10
describe('erasing an advocate (invariant 10)', () => {
  // Invariant 10
  it('without a legal hold, erasure happens at once and removes the personal data from the state', () => {
    advocate
      .given([...activeAdvocate(), consentGranted(), ...pastEngagement('eng-0', day(-20))])
      .when(requestErasure)
      .thenEvents((events, state) => {
        expect(events).toEqual([
          {
            type: 'AdvocateErased',
            data: {
              advocateId: ADVOCATE_ID,
              reason: 'GDPR Art. 17 request',
              requestedBy: 'ada-admin',
              erasedAt: NOW,
            },
          },
        ]);
        expect(state.status).toBe('ERASED');
        expect(state.contact).toBeUndefined();
        // History, counts and non-personal facts remain.
        expect(state.consents['consent-1']?.uses).toBe(1);
        expect(state.engagements['eng-0']?.status).toBe('COMPLETED');
        expect(state.attributes?.seniority).toBe('DIRECTOR');
      });
  });

  // Invariant 10
  it('under a legal hold, erasure is deferred, naming the holds, and the person is never contacted meanwhile', () => {
    advocate
      .given([...activeAdvocate(), holdPlaced('hold-1')])
      .when(requestErasure)
      .thenEvents((events, state) => {
        expect(events).toEqual([
          {
            type: 'ErasureDeferred',
            data: {
              advocateId: ADVOCATE_ID,
              reason: 'GDPR Art. 17 request',
              requestedBy: 'ada-admin',
              requestedAt: NOW,
              holdIds: ['hold-1'],
            },
          },
        ]);
        expect(state.status).toBe('DO_NOT_CONTACT');
        expect(state.contact?.name).toBe('Ines Weber');
      });
  });

  // Invariant 10
  it('pending engagements are released when erasure is requested', () => {
    advocate
      .given([...activeAdvocate(), consentGranted(), engagementReserved(), holdPlaced('hold-1')])
      .when(requestErasure)
      .thenEvents((events) =>
        expect(events.map((e) => [e.type, (e.data as { reason?: string }).reason])).toEqual([
          ['EngagementReleased', 'ADVOCATE_UNAVAILABLE'],
          ['ErasureDeferred', 'GDPR Art. 17 request'],
        ]),
      );
  });

  // Invariant 10
  it('releasing the last hold carries out the deferred erasure', () => {
    advocate
      .given([...activeAdvocate(), holdPlaced('hold-1'), erasureDeferred(['hold-1'])])
      .when(releaseHold('hold-1'))
      .thenEvents((events, state) => {
        expect(events).toEqual([
          {
            type: 'LegalHoldReleased',
            data: {
              advocateId: ADVOCATE_ID,
              holdId: 'hold-1',
              reason: 'Dispute settled',
              releasedBy: 'ada-admin',
              releasedAt: NOW,
            },
          },
          {
            type: 'AdvocateErased',
            data: {
              advocateId: ADVOCATE_ID,
              reason: 'GDPR Art. 17 request',
              requestedBy: 'ada-admin',
              erasedAt: NOW,
            },
          },
        ]);
        expect(state.status).toBe('ERASED');
        expect(state.contact).toBeUndefined();
        expect(state.deferredErasure).toBeUndefined();
      });
  });

  // Invariant 10
  it('while another hold remains, releasing one hold does not erase', () => {
    advocate
      .given([
        ...activeAdvocate(),
        holdPlaced('hold-1'),
        holdPlaced('hold-2'),
        erasureDeferred(['hold-1', 'hold-2']),
      ])
      .when(releaseHold('hold-1'))
      .thenEvents((events, state) => {
        expect(events.map((e) => e.type)).toEqual(['LegalHoldReleased']);
        expect(state.status).toBe('DO_NOT_CONTACT');
      });
  });

  // Invariant 10
  it('releasing a hold with no erasure waiting erases nothing', () => {
    advocate
      .given([...activeAdvocate(), holdPlaced('hold-1')])
      .when(releaseHold('hold-1'))
      .thenEvents((events, state) => {
        expect(events.map((e) => e.type)).toEqual(['LegalHoldReleased']);
        expect(state.status).toBe('ACTIVE');
      });
  });

  // Invariant 10
  it('a hold placed and released before the request leaves nothing to defer', () => {
    advocate
      .given([...activeAdvocate(), holdPlaced('hold-1'), holdReleased('hold-1')])
      .when(requestErasure)
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['AdvocateErased']));
  });

  it('an erasure already deferred is not requested twice', () => {
    advocate
      .given([...activeAdvocate(), holdPlaced('hold-1'), erasureDeferred(['hold-1'])])
      .when(requestErasure)
      .thenThrows('INVALID_TRANSITION', /ERASURE_DEFERRED/);
  });

  it('an erased advocate accepts no further command', () => {
    const erased: AdvocateEvent = {
      type: 'AdvocateErased',
      data: { advocateId: ADVOCATE_ID, reason: 'GDPR', requestedBy: 'ada-admin', erasedAt: day(-1) },
    };
    advocate
      .given([...activeAdvocate(), erased])
      .when(requestErasure)
      .thenThrows('INVALID_TRANSITION', /ERASED/);
    advocate
      .given([...activeAdvocate(), erased])
      .when(
        advocateCommand('UpdateAdvocateContact', {
          name: 'Ines',
          email: 'ines@acme.example',
          title: 'Head of Ops',
        }),
      )
      .thenThrows('INVALID_TRANSITION');
  });

  it('a hold id is placed once and only a placed hold can be released', () => {
    advocate
      .given([...activeAdvocate(), holdPlaced('hold-1')])
      .when(advocateCommand('PlaceLegalHold', { holdId: 'hold-1', matter: 'Another matter' }))
      .thenThrows('ALREADY_EXISTS');
    advocate.given(activeAdvocate()).when(releaseHold('hold-9')).thenThrows('NOT_FOUND');
  });
});

// Invariant 10
describe('personal data declarations of advocate events (invariant 10)', () => {
  // Invariant 10
  it('the contact details of an enrolment are declared personal data of the advocate', () => {
    const declaration = personalDataOf('AdvocateEnrolled');
    expect(declaration?.subjectField).toBe('advocateId');
    const enrolled = advocateEnrolled();
    const declared = (declaration?.fields ?? []).map((f) => readPath(enrolled.data, f));
    // Every declared field exists, and the contact (name, email, title) is among them.
    expect(declared.every((v) => v !== undefined)).toBe(true);
    const covered = JSON.stringify(declared);
    expect(covered).toContain('Ines Weber');
    expect(covered).toContain('ines@acme.example');
  });

  // Invariant 10
  it('the contact update is declared personal data too; a non-personal event declares none', () => {
    expect(personalDataOf('AdvocateContactUpdated')?.fields).toContain('contact');
    expect(personalDataOf('EngagementCompleted')).toBeUndefined();
  });
});

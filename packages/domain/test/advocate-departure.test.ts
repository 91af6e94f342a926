import {
  advocateDecider,
  DEPARTURE_WITHDRAWAL_REASON,
  type AdvocateEvent,
  type ConsentWithdrawn,
} from '../src';
import {
  ACCOUNT_ID,
  ADVOCATE_ID,
  actors,
  activeAdvocate,
  advocateCommand,
  advocateContext,
  consentGranted,
  day,
  engagementReserved,
  NOW,
  pastEngagement,
} from './support/builders';
import { specification } from './support/specification';

const advocate = specification(advocateDecider, () => advocateContext());

const departure = (data: { leftAt?: string; newAccountId?: string } = {}) =>
  advocateCommand('RecordAdvocateDeparture', data);

const left = (extra: { suggestedAccountId?: string; leftAt?: string } = {}): AdvocateEvent => ({
  type: 'AdvocateLeftAccount',
  data: {
    advocateId: ADVOCATE_ID,
    accountId: ACCOUNT_ID,
    leftAt: extra.leftAt ?? NOW,
    recordedBy: actors.programManager.userId,
    ...(extra.suggestedAccountId !== undefined ? { suggestedAccountId: extra.suggestedAccountId } : {}),
  },
});

const withdrawnByDeparture = (
  consentId: string,
  kinds: ConsentWithdrawn['data']['kinds'],
): ConsentWithdrawn => ({
  type: 'ConsentWithdrawn',
  data: {
    advocateId: ADVOCATE_ID,
    consentId,
    version: 1,
    kinds,
    reason: DEPARTURE_WITHDRAWAL_REASON,
    withdrawnBy: actors.programManager.userId,
    withdrawnAt: NOW,
  },
});

describe('a champion leaves their company (job change)', () => {
  it('withdraws every consent still in force for the kinds it still grants, as a withdrawal would', () => {
    advocate
      .given([
        ...activeAdvocate(),
        consentGranted({ consentId: 'c-calls', kinds: ['REFERENCE_CALL', 'CASE_STUDY'] }),
        consentGranted({ consentId: 'c-logo', kinds: ['LOGO'] }),
        {
          type: 'ConsentWithdrawn',
          data: { ...withdrawnByDeparture('c-calls', ['CASE_STUDY']).data, reason: 'Asked to stop' },
        },
      ])
      .when(departure())
      .then([
        left(),
        withdrawnByDeparture('c-calls', ['REFERENCE_CALL']),
        withdrawnByDeparture('c-logo', ['LOGO']),
      ]);
  });

  it('leaves consents that have already expired alone: there is nothing left to withdraw', () => {
    advocate
      .given([...activeAdvocate(), consentGranted({ consentId: 'c-old', validUntil: day(-1) })])
      .when(departure())
      .then([left()]);
  });

  it('releases the pending engagements; completed uses stay in history untouched', () => {
    advocate
      .given([
        ...activeAdvocate(),
        consentGranted({ consentId: 'consent-1' }),
        ...pastEngagement('eng-done', day(-10)),
        engagementReserved({ engagementId: 'eng-next', activityAt: day(5) }),
      ])
      .when(departure())
      .then([
        left(),
        withdrawnByDeparture('consent-1', ['REFERENCE_CALL', 'CASE_STUDY']),
        {
          type: 'EngagementReleased',
          data: {
            advocateId: ADVOCATE_ID,
            engagementId: 'eng-next',
            requestId: 'req-1',
            kind: 'REFERENCE_CALL',
            reason: 'ADVOCATE_LEFT_ACCOUNT',
            releasedAt: NOW,
          },
        },
      ]);
  });

  it('suggests the new company for a nomination when it is a known account, never the same one', () => {
    advocate
      .given(activeAdvocate())
      .when(departure({ newAccountId: 'globex' }))
      .then([left({ suggestedAccountId: 'globex' })]);
    advocate
      .given(activeAdvocate())
      .when(departure({ newAccountId: ACCOUNT_ID }))
      .then([left()]);
  });

  it('records when they left, but never in the future', () => {
    advocate
      .given(activeAdvocate())
      .when(departure({ leftAt: day(-3) }))
      .then([left({ leftAt: day(-3) })]);
    advocate
      .given(activeAdvocate())
      .when(departure({ leftAt: day(3) }))
      .then([left({ leftAt: NOW })]);
  });

  it('is recorded once: a second departure is an illegal transition', () => {
    advocate
      .given([...activeAdvocate(), left()])
      .when(departure())
      .thenThrows('INVALID_TRANSITION');
  });

  it('refuses an erased advocate and a malformed payload', () => {
    advocate
      .given([
        ...activeAdvocate(),
        {
          type: 'AdvocateErased',
          data: { advocateId: ADVOCATE_ID, reason: 'asked', requestedBy: 'ada-admin', erasedAt: NOW },
        },
      ])
      .when(departure())
      .thenThrows('INVALID_TRANSITION');
    advocate
      .given(activeAdvocate())
      .when(departure({ leftAt: 'yesterday' }))
      .thenThrows('VALIDATION_FAILED');
  });

  it('keeps the history: a completed use before the departure is still there afterwards', () => {
    const state = [
      ...activeAdvocate(),
      consentGranted(),
      ...pastEngagement('eng-done', day(-2)),
      left(),
      withdrawnByDeparture('consent-1', ['REFERENCE_CALL', 'CASE_STUDY']),
    ].reduce(advocateDecider.evolve, advocateDecider.initialState);
    expect(state.leftAccountAt).toBe(NOW);
    expect(state.engagements['eng-done']?.status).toBe('COMPLETED');
    expect(state.consents['consent-1']?.withdrawnKinds).toEqual(['REFERENCE_CALL', 'CASE_STUDY']);
  });
});

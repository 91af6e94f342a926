import {
  advocateDecider,
  initialReferenceRequestState,
  referenceRequestDecider,
  reservationForAsk,
  type AskAdvocate,
  type EngagementReserved,
  type ReserveEngagement,
  type ReferenceRequestState,
} from '../src';
import {
  actors,
  activeAdvocate,
  advocateContext,
  cmd,
  consentGranted,
  context,
  day,
  pastEngagement,
} from './support/builders';
import { specification } from './support/specification';

// Issue 14: an ask may carry a program manager's fatigue override, exactly as scheduling does.
const cleared: ReferenceRequestState = {
  ...initialReferenceRequestState,
  requestId: 'req-1',
  status: 'SHORTLISTED',
  kind: 'REFERENCE_CALL',
  criteria: {
    industries: [],
    regions: [],
    products: [],
    useCases: [],
    languages: [],
    territory: 'EMEA',
    channel: 'PRIVATE',
  },
  candidates: {
    ines: {
      advocateId: 'ines',
      accountId: 'acme',
      ownerId: 'olga-ae',
      score: 80,
      breakdown: [],
      status: 'OWNER_APPROVED',
      clearance: 'OWNER',
      clearedBy: 'olga-ae',
    },
  },
};
const ask = (fatigueOverrideReason?: string) =>
  cmd<AskAdvocate>('AskAdvocate', {
    advocateId: 'ines',
    engagementId: 'req-1.ines',
    ...(fatigueOverrideReason !== undefined ? { fatigueOverrideReason } : {}),
  });
const overUsed = [
  ...activeAdvocate(),
  consentGranted({ maxUses: 100 }),
  ...pastEngagement('eng-a', day(-80), 'CASE_STUDY'),
  ...pastEngagement('eng-b', day(-60), 'CASE_STUDY'),
  ...pastEngagement('eng-c', day(-40), 'CASE_STUDY'),
  ...pastEngagement('eng-d', day(-20), 'CASE_STUDY'),
];
const advocate = specification(advocateDecider, () => advocateContext());
const reservation = (fatigueOverrideReason?: string) =>
  cmd<ReserveEngagement>('ReserveEngagement', reservationForAsk(cleared, ask(fatigueOverrideReason).data));

describe("an ask's fatigue override", () => {
  it("the ask's rule checks the override's reason like any payload", () => {
    expect(() => referenceRequestDecider.decide(ask('x'.repeat(1001)), cleared, context())).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
    expect(referenceRequestDecider.decide(ask('Strategic deal'), cleared, context())).toEqual([
      expect.objectContaining({ type: 'AdvocateAsked' }),
    ]);
  });

  it("the reservation for an ask carries the owner's clearance, the request's scope and the override", () => {
    expect(reservationForAsk(cleared, ask('Strategic deal').data)).toEqual({
      engagementId: 'req-1.ines',
      requestId: 'req-1',
      kind: 'REFERENCE_CALL',
      territory: 'EMEA',
      channel: 'PRIVATE',
      ownerClearance: { kind: 'OWNER', by: 'olga-ae' },
      fatigueOverrideReason: 'Strategic deal',
    });
    expect(reservationForAsk(cleared, ask().data)).not.toHaveProperty('fatigueOverrideReason');
  });

  // Invariant 2
  it('an over-used advocate is refused to an ask without an override', () => {
    advocate.given(overUsed).when(reservation()).thenThrows('FATIGUE_LIMIT');
  });

  // Invariant 2
  it("a program manager's override on the ask is recorded on the reservation", () => {
    advocate
      .given(overUsed)
      .when(reservation('Strategic deal'))
      .thenEvents(([reserved]) =>
        expect((reserved as EngagementReserved).data.fatigueOverride).toMatchObject({
          by: actors.programManager.userId,
          reason: 'Strategic deal',
        }),
      );
  });

  // Invariant 3
  it('an ask the owner has not cleared has no reservation', () => {
    const uncleared = { ...cleared, candidates: {} };
    expect(() => reservationForAsk(uncleared, ask().data)).toThrow(
      expect.objectContaining({ code: 'OWNER_APPROVAL_REQUIRED' }),
    );
  });
});

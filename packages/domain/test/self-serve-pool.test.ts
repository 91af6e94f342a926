import {
  advocateDecider,
  decideRequestWorkflow,
  fold,
  referenceRequestDecider,
  type AdvocateDecisionContext,
  type AdvocateEvent,
  type EngagementReserved,
  type ReferenceRequestDecisionContext,
  type ReferenceRequestEvent,
  type SelfServePreApproved,
  type RequestModePolicy,
} from '../src';
import {
  ACCOUNT_ID,
  activeAdvocate,
  actors,
  ADVOCATE_ID,
  advocateCommand,
  advocateContext,
  consentGranted,
  context,
  day,
  DEFAULT_PROGRAM_POLICIES,
  NOW,
  pastEngagement,
  requestCommand,
  reserveEngagement,
} from './support/builders';
import { specification } from './support/specification';

// The owner's self-serve pool: a standing pre-approval replaces the per-ask approval, while the
// status, consent and fatigue gates still hold at the reservation (invariants 1–4).

const ownerActs = { accountActors: (id: string) => (id === ACCOUNT_ID ? [actors.accountOwner.userId] : []) };
const advocate = specification(advocateDecider, () => advocateContext({ actor: actors.programManager }));

const preApproved = (spec: Partial<SelfServePreApproved['data']> = {}): SelfServePreApproved => ({
  type: 'SelfServePreApproved',
  data: {
    advocateId: ADVOCATE_ID,
    accountId: ACCOUNT_ID,
    preApprovalId: 'pool-1',
    kinds: ['REFERENCE_CALL'],
    validFrom: day(-1),
    validUntil: day(60),
    approvedBy: actors.accountOwner.userId,
    approvedAt: day(-1),
    ...spec,
  },
});
const selfServeReserve = (activityAt = day(10)) =>
  reserveEngagement({ activityAt, ownerClearance: { kind: 'SELF_SERVE', by: 'anyone' } });

describe('PreApproveSelfServe: only who acts for the account puts its advocate in the pool', () => {
  const preApprove = () =>
    advocateCommand('PreApproveSelfServe', {
      preApprovalId: 'pool-1',
      kinds: ['REFERENCE_CALL'],
      validUntil: day(60),
    });

  it('given an active advocate, when the account owner pre-approves, then SelfServePreApproved names them', () => {
    advocate
      .given(activeAdvocate())
      .when(preApprove(), { actor: actors.accountOwner, ...ownerActs })
      .then([preApproved({ validFrom: NOW, approvedAt: NOW })]);
  });

  it("when another account's owner pre-approves, then it is refused (FORBIDDEN)", () => {
    advocate
      .given(activeAdvocate())
      .when(preApprove(), { actor: actors.otherOwner, ...ownerActs })
      .thenThrows('FORBIDDEN');
  });

  it('when a program manager pre-approves for the owner, then it is refused (FORBIDDEN): it is the owner’s word', () => {
    advocate
      .given(activeAdvocate())
      .when(preApprove(), ownerActs as Partial<AdvocateDecisionContext>)
      .thenThrows('FORBIDDEN');
  });

  it('when the period has already ended, then it is refused (VALIDATION_FAILED)', () => {
    advocate
      .given(activeAdvocate())
      .when(
        advocateCommand('PreApproveSelfServe', { preApprovalId: 'p', kinds: ['QUOTE'], validUntil: day(-1) }),
        { actor: actors.accountOwner, ...ownerActs },
      )
      .thenThrows('VALIDATION_FAILED');
  });

  it('given a pre-approval, when the owner revokes it, then it leaves the pool', () => {
    advocate
      .given([...activeAdvocate(), preApproved()])
      .when(
        advocateCommand('RevokeSelfServePreApproval', { preApprovalId: 'pool-1', reason: 'renewal talks' }),
        {
          actor: actors.accountOwner,
          ...ownerActs,
        },
      )
      .thenEvents((events, state) => {
        expect(events[0]?.type).toBe('SelfServePreApprovalRevoked');
        expect(state.selfServePool).toEqual({});
      });
  });
});

describe('ReserveEngagement with a SELF_SERVE clearance: the pool gate, then consent and fatigue as always', () => {
  it('given a consent and a pre-approval, when reserved self-serve, then the owner who pre-approved clears it', () => {
    advocate
      .given([...activeAdvocate(), consentGranted(), preApproved()])
      .when(selfServeReserve())
      .thenEvents(([reserved]) =>
        expect((reserved as EngagementReserved).data.ownerClearance).toEqual({
          kind: 'SELF_SERVE',
          by: actors.accountOwner.userId,
          reason: 'self-serve pre-approval pool-1',
        }),
      );
  });

  it('given no pre-approval, when reserved self-serve, then it is refused (OWNER_APPROVAL_REQUIRED)', () => {
    advocate
      .given([...activeAdvocate(), consentGranted()])
      .when(selfServeReserve())
      .thenThrows('OWNER_APPROVAL_REQUIRED', /not in the self-serve pool/);
  });

  it('given a pre-approval that ends before the activity, then it is refused (OWNER_APPROVAL_REQUIRED)', () => {
    advocate
      .given([...activeAdvocate(), consentGranted(), preApproved({ validUntil: day(5) })])
      .when(selfServeReserve(day(10)))
      .thenThrows('OWNER_APPROVAL_REQUIRED');
  });

  it('given a pre-approval for another kind, then it is refused (OWNER_APPROVAL_REQUIRED)', () => {
    advocate
      .given([...activeAdvocate(), consentGranted(), preApproved({ kinds: ['QUOTE'] })])
      .when(selfServeReserve())
      .thenThrows('OWNER_APPROVAL_REQUIRED');
  });

  it('given a revoked pre-approval, then it is refused (OWNER_APPROVAL_REQUIRED)', () => {
    const revoked: AdvocateEvent = {
      type: 'SelfServePreApprovalRevoked',
      data: {
        advocateId: ADVOCATE_ID,
        preApprovalId: 'pool-1',
        reason: 'r',
        revokedBy: 'olga-ae',
        revokedAt: NOW,
      },
    };
    advocate
      .given([...activeAdvocate(), consentGranted(), preApproved(), revoked])
      .when(selfServeReserve())
      .thenThrows('OWNER_APPROVAL_REQUIRED');
  });

  it('given a pre-approval but no consent, then the consent gate still refuses (CONSENT_REQUIRED)', () => {
    advocate
      .given([...activeAdvocate(), preApproved()])
      .when(selfServeReserve())
      .thenThrows('CONSENT_REQUIRED');
  });

  it('given a pre-approval but a fatigue breach, then the fatigue gate still refuses (FATIGUE_LIMIT)', () => {
    advocate
      .given([...activeAdvocate(), consentGranted(), preApproved(), ...pastEngagement('past-1', day(8))])
      .when(selfServeReserve())
      .thenThrows('FATIGUE_LIMIT');
  });
});

const REQUEST_ID = 'req-9';
const submitted: ReferenceRequestEvent = {
  type: 'ReferenceRequestSubmitted',
  data: {
    requestId: REQUEST_ID,
    requestedBy: actors.requester.userId,
    department: 'SALES',
    kind: 'REFERENCE_CALL',
    advocatesNeeded: 1,
    opportunity: {
      opportunityId: 'opp-9',
      stage: 'EVALUATION',
      amount: { amount: 50000, currency: 'EUR' },
      industry: 'Manufacturing',
      region: 'EMEA',
      products: ['Planner'],
    },
    criteria: {
      industries: [],
      regions: [],
      products: [],
      useCases: [],
      languages: [],
      territory: 'EMEA',
      channel: 'PRIVATE',
    },
    dueBy: day(14),
    submittedAt: day(-1),
  },
};
const SELF_SERVE: RequestModePolicy = {
  defaultMode: 'OWNER_APPROVED',
  perKind: { REFERENCE_CALL: 'SELF_SERVE' },
};
const poolContext = (
  modes: RequestModePolicy | null = SELF_SERVE,
  history: AdvocateEvent[] = [...activeAdvocate(), preApproved()],
): ReferenceRequestDecisionContext => {
  const state = fold(advocateDecider, history);
  return {
    ...context({ actor: actors.requester }),
    policies: { ...DEFAULT_PROGRAM_POLICIES, ...(modes ? { requestModes: modes } : {}) },
    selfServePoolOf: (id) =>
      id === ADVOCATE_ID
        ? { accountId: state.accountId, preApprovals: state.selfServePool ?? {} }
        : undefined,
  };
};
const request = specification(referenceRequestDecider, () => poolContext());
const take = () =>
  requestCommand('TakeFromSelfServePool', {
    advocateId: ADVOCATE_ID,
    engagementId: `${REQUEST_ID}.${ADVOCATE_ID}`,
  });

describe('TakeFromSelfServePool: the requester takes from the pool when the program set SELF_SERVE', () => {
  it('given a pre-approved advocate, when the requester takes them, then the owner is named (and the candidate is asked)', () => {
    request
      .given([submitted])
      .when(take())
      .thenEvents((events, state) => {
        expect(events).toEqual([
          {
            type: 'AdvocateTakenFromPool',
            data: {
              requestId: REQUEST_ID,
              advocateId: ADVOCATE_ID,
              accountId: ACCOUNT_ID,
              ownerId: actors.accountOwner.userId,
              preApprovalId: 'pool-1',
              engagementId: `${REQUEST_ID}.${ADVOCATE_ID}`,
              takenBy: actors.requester.userId,
              takenAt: NOW,
            },
          },
        ]);
        expect(state.candidates[ADVOCATE_ID]).toMatchObject({ status: 'ASKED', clearance: 'SELF_SERVE' });
        expect(state.status).toBe('IN_PROGRESS');
      });
  });

  it('given the default modes (owner-approved), then self-serve is refused (REQUEST_MODE_NOT_ALLOWED)', () => {
    request.given([submitted]).when(take(), poolContext(null)).thenThrows('REQUEST_MODE_NOT_ALLOWED');
  });

  it("when another rep takes for someone else's request, then it is refused (FORBIDDEN)", () => {
    request
      .given([submitted])
      .when(take(), { actor: { userId: 'rita-rep', roles: ['REQUESTER'] } })
      .thenThrows('FORBIDDEN');
  });

  it('given an advocate not in the pool, then it is refused (OWNER_APPROVAL_REQUIRED)', () => {
    request
      .given([submitted])
      .when(take(), poolContext(SELF_SERVE, activeAdvocate()))
      .thenThrows('OWNER_APPROVAL_REQUIRED');
  });

  it('given the advocate is already a candidate, then it is refused (ALREADY_EXISTS)', () => {
    const history = [
      submitted,
      ...referenceRequestDecider.decide(take(), fold(referenceRequestDecider, [submitted]), poolContext()),
    ];
    request.given(history).when(take()).thenThrows('ALREADY_EXISTS');
  });

  it('the workflow reserves the advocate first (as the workflow, under SELF_SERVE), then records the take', () => {
    const steps = decideRequestWorkflow(
      REQUEST_ID,
      {
        type: 'TakeFromSelfServePool',
        commandId: 'take-1',
        data: { advocateId: ADVOCATE_ID, engagementId: 'x' },
      },
      fold(referenceRequestDecider, [submitted]),
      poolContext(),
    );
    expect(steps.map((s) => [s.aggregate, s.command.type, s.actsAs])).toEqual([
      ['Advocate', 'ReserveEngagement', 'SYSTEM'],
      ['ReferenceRequest', 'TakeFromSelfServePool', undefined],
    ]);
    expect(steps[0]!.command.data).toMatchObject({
      engagementId: `${REQUEST_ID}.${ADVOCATE_ID}`,
      ownerClearance: { kind: 'SELF_SERVE', by: actors.accountOwner.userId },
    });
  });

  it('the workflow refuses before touching the advocate when the mode is not self-serve', () => {
    expect(() =>
      decideRequestWorkflow(
        REQUEST_ID,
        {
          type: 'TakeFromSelfServePool',
          commandId: 'take-2',
          data: { advocateId: ADVOCATE_ID, engagementId: 'x' },
        },
        fold(referenceRequestDecider, [submitted]),
        poolContext(null),
      ),
    ).toThrow(expect.objectContaining({ code: 'REQUEST_MODE_NOT_ALLOWED' }));
  });
});

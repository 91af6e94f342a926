import {
  advocateDecider,
  decideRequestWorkflow,
  DEFAULT_PROGRAM_POLICIES,
  fold,
  programDecider,
  referenceRequestDecider,
  requestModeFor,
  type ProgramEvent,
  type ProgramState,
  type ReferenceRequestDecisionContext,
  type ReferenceRequestEvent,
} from '../src';
import {
  activeAdvocate,
  actors,
  advocateContext,
  consentGranted,
  context,
  day,
  NOW,
  programCommand,
  requestCommand,
  reserveEngagement,
} from './support/builders';
import { specification } from './support/specification';

const program = specification(programDecider, () => context({ actor: actors.programManager }));

describe('Request modes (issue 16): the program sets how requests of each kind are fulfilled', () => {
  it('a program that never set its modes is owner-approved for every kind (today’s behaviour)', () => {
    expect(DEFAULT_PROGRAM_POLICIES.requestModes).toBeUndefined();
    expect(requestModeFor(undefined, 'REFERENCE_CALL')).toBe('OWNER_APPROVED');
    expect(requestModeFor(undefined, 'QUOTE')).toBe('OWNER_APPROVED');
  });

  it('given no modes, when the PM sets a default and kinds apart, then RequestModePolicySet names them', () => {
    program
      .given([])
      .when(
        programCommand('SetRequestModePolicy', {
          defaultMode: 'PM_FULFILLED',
          kindModes: [
            { kind: 'REFERENCE_CALL', mode: 'SELF_SERVE' },
            { kind: 'QUOTE', mode: 'AUTO_COMPLETE' },
          ],
        }),
      )
      .thenEvents((events, state: ProgramState) => {
        expect(events).toEqual<ProgramEvent[]>([
          {
            type: 'RequestModePolicySet',
            data: {
              policy: {
                defaultMode: 'PM_FULFILLED',
                perKind: { REFERENCE_CALL: 'SELF_SERVE', QUOTE: 'AUTO_COMPLETE' },
              },
              setBy: actors.programManager.userId,
            },
          },
        ]);
        const modes = state.policies.requestModes;
        expect(requestModeFor(modes, 'REFERENCE_CALL')).toBe('SELF_SERVE');
        expect(requestModeFor(modes, 'QUOTE')).toBe('AUTO_COMPLETE');
        expect(requestModeFor(modes, 'SITE_VISIT')).toBe('PM_FULFILLED');
      });
  });

  it('when AUTO_COMPLETE is set for a kind that leaves no asset, then it is refused (VALIDATION_FAILED)', () => {
    program
      .given([])
      .when(
        programCommand('SetRequestModePolicy', {
          defaultMode: 'OWNER_APPROVED',
          kindModes: [{ kind: 'REFERENCE_CALL', mode: 'AUTO_COMPLETE' }],
        }),
      )
      .thenThrows('VALIDATION_FAILED', /content kinds only/);
  });

  it('when a kind is listed twice or a mode is unknown, then it is refused (VALIDATION_FAILED)', () => {
    program
      .given([])
      .when(
        programCommand('SetRequestModePolicy', {
          defaultMode: 'SOMETIMES' as never,
          kindModes: [
            { kind: 'QUOTE', mode: 'SELF_SERVE' },
            { kind: 'QUOTE', mode: 'PM_FULFILLED' },
          ],
        }),
      )
      .thenThrows('VALIDATION_FAILED', /defaultMode.*kindModes\[1\]\.kind is listed twice/);
  });

  it('a default of AUTO_COMPLETE governs content kinds only; the others stay owner-approved', () => {
    const modes = { defaultMode: 'AUTO_COMPLETE' as const, perKind: {} };
    expect(requestModeFor(modes, 'CASE_STUDY')).toBe('AUTO_COMPLETE');
    expect(requestModeFor(modes, 'REFERENCE_CALL')).toBe('OWNER_APPROVED');
  });

  it('when someone not a program manager sets the modes, then it is refused (FORBIDDEN)', () => {
    program
      .given([])
      .when(programCommand('SetRequestModePolicy', { defaultMode: 'SELF_SERVE' }), {
        actor: actors.accountOwner,
      })
      .thenThrows('FORBIDDEN');
  });
});

describe('PM_FULFILLED: the program manager asks without waiting for the owner (who sees the ask)', () => {
  const REQUEST_ID = 'req-pm';
  const history: ReferenceRequestEvent[] = [
    {
      type: 'ReferenceRequestSubmitted',
      data: {
        requestId: REQUEST_ID,
        requestedBy: actors.requester.userId,
        department: 'SALES',
        kind: 'SITE_VISIT',
        advocatesNeeded: 1,
        opportunity: {
          opportunityId: 'opp-pm',
          stage: 'EVALUATION',
          amount: { amount: 1000, currency: 'EUR' },
          industry: 'Manufacturing',
          region: 'EMEA',
          products: [],
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
        dueBy: day(10),
        submittedAt: day(-1),
      },
    },
    {
      type: 'CandidatesShortlisted',
      data: {
        requestId: REQUEST_ID,
        candidates: [{ advocateId: 'ines', accountId: 'acme', ownerId: 'olga-ae', score: 80, breakdown: [] }],
        shortlistedBy: 'pat-pm',
        shortlistedAt: day(-1),
      },
    },
  ];
  const pmFulfilled = {
    policies: {
      ...DEFAULT_PROGRAM_POLICIES,
      requestModes: {
        defaultMode: 'OWNER_APPROVED' as const,
        perKind: { SITE_VISIT: 'PM_FULFILLED' as const },
      },
    },
  };
  const request = specification(referenceRequestDecider, (): ReferenceRequestDecisionContext =>
    context({ actor: actors.programManager }),
  );
  const ask = () => requestCommand('AskAdvocate', { advocateId: 'ines', engagementId: `${REQUEST_ID}.ines` });

  it('given PM_FULFILLED for the kind, when the PM asks a shortlisted candidate, then the ask is cleared as PM_FULFILLED', () => {
    request
      .given(history)
      .when(ask(), pmFulfilled)
      .thenEvents(([asked]) =>
        expect(asked).toMatchObject({ type: 'AdvocateAsked', data: { clearance: 'PM_FULFILLED' } }),
      );
  });

  it('given the default (owner-approved), when the PM asks without approval, then it is refused (OWNER_APPROVAL_REQUIRED)', () => {
    request.given(history).when(ask()).thenThrows('OWNER_APPROVAL_REQUIRED');
  });

  it('given PM_FULFILLED but the owner declined, then the decline stands (OWNER_APPROVAL_REQUIRED)', () => {
    const declined: ReferenceRequestEvent = {
      type: 'AskDeclinedByOwner',
      data: {
        requestId: REQUEST_ID,
        advocateId: 'ines',
        ownerId: 'olga-ae',
        reason: 'renewal',
        declinedAt: NOW,
      },
    };
    request
      .given([...history, declined])
      .when(ask(), pmFulfilled)
      .thenThrows('OWNER_APPROVAL_REQUIRED');
  });

  it('the workflow reserves under a PM_FULFILLED clearance in the program manager’s name', () => {
    const steps = decideRequestWorkflow(
      REQUEST_ID,
      { type: 'AskAdvocate', commandId: 'ask-pm', data: { advocateId: 'ines', engagementId: 'x' } },
      fold(referenceRequestDecider, history),
      { ...context({ actor: actors.programManager }), ...pmFulfilled },
    );
    expect(steps[0]?.command.data).toMatchObject({ ownerClearance: { kind: 'PM_FULFILLED', by: 'pat-pm' } });
  });

  it('on the advocate, a PM_FULFILLED clearance is a program manager’s only (FORBIDDEN otherwise)', () => {
    specification(advocateDecider, () => advocateContext({ actor: actors.accountOwner }))
      .given([...activeAdvocate(), consentGranted()])
      .when(reserveEngagement({ ownerClearance: { kind: 'PM_FULFILLED', by: 'olga-ae' } }))
      .thenThrows('FORBIDDEN');
  });
});

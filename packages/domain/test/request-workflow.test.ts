import {
  advocateDecider,
  decideRequestWorkflow,
  DomainError,
  referenceRequestDecider,
  requestStepOf,
  type AdvocateEvent,
  type ReferenceRequestEvent,
  type RequestWorkflowCommand,
  type WorkflowStep,
} from '../src';
import {
  activeAdvocate,
  actors,
  advocateContext,
  consentGranted,
  context,
  day,
  NOW,
  pastEngagement,
} from './support/builders';

const REQUEST_ID = 'req-1';
const submitted: ReferenceRequestEvent = {
  type: 'ReferenceRequestSubmitted',
  data: {
    requestId: REQUEST_ID,
    requestedBy: actors.requester.userId,
    department: 'SALES',
    kind: 'REFERENCE_CALL',
    advocatesNeeded: 1,
    opportunity: {
      opportunityId: 'opp-7',
      stage: 'EVALUATION',
      amount: { amount: 240000, currency: 'EUR' },
      industry: 'Manufacturing',
      region: 'EMEA',
      products: ['Planner'],
    },
    criteria: {
      industries: ['Manufacturing'],
      regions: [],
      products: [],
      useCases: [],
      languages: ['de'],
      territory: 'EMEA',
      channel: 'PRIVATE',
    },
    dueBy: day(14),
    submittedAt: day(-2),
  },
};
const working: ReferenceRequestEvent[] = [
  submitted,
  {
    type: 'RequestTriaged',
    data: { requestId: REQUEST_ID, priority: 'HIGH', triagedBy: 'pat-pm', triagedAt: day(-1) },
  },
  {
    type: 'CandidatesShortlisted',
    data: {
      requestId: REQUEST_ID,
      candidates: [
        {
          advocateId: 'ines',
          accountId: 'acme',
          ownerId: actors.accountOwner.userId,
          score: 82,
          breakdown: [],
        },
      ],
      shortlistedBy: 'pat-pm',
      shortlistedAt: day(-1),
    },
  },
];
const approved: ReferenceRequestEvent = {
  type: 'AskApprovedByOwner',
  data: { requestId: REQUEST_ID, advocateId: 'ines', ownerId: actors.accountOwner.userId, approvedAt: NOW },
};
const asked: ReferenceRequestEvent = {
  type: 'AdvocateAsked',
  data: {
    requestId: REQUEST_ID,
    advocateId: 'ines',
    engagementId: 'req-1.ines',
    clearance: 'OWNER',
    askedBy: 'pat-pm',
    askedAt: NOW,
  },
};
const accepted: ReferenceRequestEvent = {
  type: 'AdvocateAcceptedRequest',
  data: { requestId: REQUEST_ID, advocateId: 'ines', engagementId: 'req-1.ines', acceptedAt: NOW },
};

/** Given the request's history, when a workflow command is decided, the steps it answers. */
const given = (history: readonly ReferenceRequestEvent[]) => ({
  when: (command: RequestWorkflowCommand): readonly WorkflowStep[] =>
    decideRequestWorkflow(
      REQUEST_ID,
      command,
      history.reduce(referenceRequestDecider.evolve, referenceRequestDecider.initialState),
      context(),
    ),
});
const refusal = (decide: () => unknown): DomainError => {
  try {
    decide();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};
const ask: RequestWorkflowCommand = {
  type: 'AskAdvocate',
  commandId: 'ask-1',
  data: { advocateId: 'ines', engagementId: 'ignored' },
};
const stripped = (steps: readonly WorkflowStep[]) =>
  steps.map(({ aggregate, aggregateId, command }) => ({ aggregate, aggregateId, command }));

describe('the request workflow: asking an advocate', () => {
  it('reserves the engagement on the advocate first, then records the ask, under one derived engagement id', () => {
    expect(stripped(given([...working, approved]).when(ask))).toEqual([
      {
        aggregate: 'Advocate',
        aggregateId: 'ines',
        command: {
          type: 'ReserveEngagement',
          commandId: 'ask-1.reserve',
          data: {
            engagementId: 'req-1.ines',
            requestId: REQUEST_ID,
            kind: 'REFERENCE_CALL',
            territory: 'EMEA',
            channel: 'PRIVATE',
            ownerClearance: { kind: 'OWNER', by: actors.accountOwner.userId },
          },
        },
      },
      {
        aggregate: 'ReferenceRequest',
        aggregateId: REQUEST_ID,
        command: {
          type: 'AskAdvocate',
          commandId: 'ask-1',
          data: { advocateId: 'ines', engagementId: 'req-1.ines' },
        },
      },
    ]);
  });

  it("refuses with the request's own rule before the advocate is touched (no owner approval yet)", () => {
    expect(refusal(() => given(working).when(ask)).code).toBe('OWNER_APPROVAL_REQUIRED');
  });

  it('refuses, as not found, an advocate who is not a candidate and a request never submitted', () => {
    const stranger = { ...ask, data: { advocateId: 'omar', engagementId: 'x' } };
    expect(refusal(() => given([...working, approved]).when(stranger)).code).toBe('NOT_FOUND');
    expect(refusal(() => given([]).when(ask)).code).toBe('NOT_FOUND');
  });

  it("an ask's fatigue refusal is its reservation's rule: the advocate's gate refuses the reserve step", () => {
    const [reserve] = given([...working, approved]).when(ask);
    const fatigued: AdvocateEvent[] = [
      ...activeAdvocate(),
      consentGranted({ maxUses: 100 }),
      ...pastEngagement('eng-a', day(-60)),
      ...pastEngagement('eng-b', day(-40)),
      ...pastEngagement('eng-c', day(-20)),
    ];
    const state = fatigued.reduce(advocateDecider.evolve, advocateDecider.initialState);
    expect(reserve?.aggregate).toBe('Advocate');
    const error = refusal(() => advocateDecider.decide(reserve!.command as never, state, advocateContext()));
    expect(error.code).toBe('FATIGUE_LIMIT');
  });

  it('gives the reservation back when the request refuses after all', () => {
    const [reserve] = given([...working, approved]).when(ask);
    const undo = reserve!.compensate!(new DomainError('INVALID_TRANSITION' as never, 'changed', {}));
    expect(undo).toEqual({
      aggregate: 'Advocate',
      aggregateId: 'ines',
      command: {
        type: 'ReleaseEngagement',
        commandId: 'ask-1.undo',
        data: {
          engagementId: 'req-1.ines',
          reason: 'CANCELLED',
          note: 'The request refused the ask: INVALID_TRANSITION',
        },
      },
    });
  });
});

describe('the request workflow: scheduling and completing', () => {
  const schedule: RequestWorkflowCommand = {
    type: 'ScheduleActivity',
    commandId: 'sch-1',
    data: { advocateId: 'ines', at: day(3), fatigueOverrideReason: 'Strategic deal' },
  };
  const complete: RequestWorkflowCommand = {
    type: 'CompleteActivity',
    commandId: 'done-1',
    data: { advocateId: 'ines', completedAt: day(-1) },
  };

  it("schedules on the advocate's engagement (consent and fatigue at that date), then on the request", () => {
    expect(stripped(given([...working, approved, asked, accepted]).when(schedule))).toEqual([
      {
        aggregate: 'Advocate',
        aggregateId: 'ines',
        command: {
          type: 'ScheduleEngagement',
          commandId: 'sch-1.advocate',
          data: { engagementId: 'req-1.ines', at: day(3), fatigueOverrideReason: 'Strategic deal' },
        },
      },
      {
        aggregate: 'ReferenceRequest',
        aggregateId: REQUEST_ID,
        command: { type: 'ScheduleActivity', commandId: 'sch-1', data: { advocateId: 'ines', at: day(3) } },
      },
    ]);
  });

  it('completes the engagement (the usage), then the activity on the request', () => {
    expect(stripped(given([...working, approved, asked, accepted]).when(complete))).toEqual([
      {
        aggregate: 'Advocate',
        aggregateId: 'ines',
        command: {
          type: 'CompleteEngagement',
          commandId: 'done-1.advocate',
          data: { engagementId: 'req-1.ines', completedAt: day(-1) },
        },
      },
      {
        aggregate: 'ReferenceRequest',
        aggregateId: REQUEST_ID,
        command: {
          type: 'CompleteActivity',
          commandId: 'done-1',
          data: { advocateId: 'ines', completedAt: day(-1) },
        },
      },
    ]);
  });

  it("answers a replay with the request's own step exactly as first decided (invariant 8)", () => {
    const history = [...working, approved, asked, accepted];
    expect(requestStepOf(REQUEST_ID, schedule)).toEqual(stripped(given(history).when(schedule))[1]);
    expect(requestStepOf(REQUEST_ID, complete)).toEqual(stripped(given(history).when(complete))[1]);
    expect(requestStepOf(REQUEST_ID, ask)).toEqual(stripped(given([...working, approved]).when(ask))[1]);
  });

  it('refuses to schedule or complete for an advocate never asked on the request', () => {
    expect(refusal(() => given([...working, approved]).when(schedule)).code).toBe('INVALID_TRANSITION');
    expect(refusal(() => given([...working, approved]).when(complete)).message).toMatch(/ask them first/);
  });

  it('answers NOT_FOUND for an advocate who was never a candidate of the request, as its own rules do', () => {
    const confirm: RequestWorkflowCommand = {
      type: 'ConfirmAttendance',
      commandId: 'confirm-1',
      data: { advocateId: 'ines', party: 'MEETING_PROVIDER' },
    };
    for (const command of [schedule, complete, confirm]) {
      const stranger = {
        ...command,
        data: { ...command.data, advocateId: 'nobody' },
      } as RequestWorkflowCommand;
      expect(refusal(() => given([...working, approved, asked]).when(stranger)).code).toBe('NOT_FOUND');
    }
  });

  it('refuses a malformed advocate id with a validation error', () => {
    const bad = { ...complete, data: { advocateId: 'not an id!' } } as RequestWorkflowCommand;
    expect(refusal(() => given([...working, approved, asked]).when(bad)).code).toBe('VALIDATION_FAILED');
  });
});

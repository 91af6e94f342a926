import {
  referenceRequestDecider,
  type ReferenceRequestEvent,
  type ReferenceRequestState,
  type SubmitReferenceRequest,
} from '../src';
import { actors, context, day, NOW, requestCommand } from './support/builders';
import { specification } from './support/specification';

const request = specification(referenceRequestDecider, () => context());
const as = (actor: (typeof actors)[keyof typeof actors]) => ({ actor });

const REQUEST_ID = 'req-1';
const submitData: SubmitReferenceRequest['data'] = {
  requestId: REQUEST_ID,
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
    competitor: 'Rival Inc',
  },
  criteria: { industries: ['Manufacturing'], languages: ['DE'], territory: 'emea', channel: 'PRIVATE' },
  dueBy: day(14),
};

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
      competitor: 'Rival Inc',
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
const triaged: ReferenceRequestEvent = {
  type: 'RequestTriaged',
  data: { requestId: REQUEST_ID, priority: 'HIGH', triagedBy: 'pat-pm', triagedAt: day(-1) },
};
const candidate = (advocateId: string, ownerId = actors.accountOwner.userId) => ({
  advocateId,
  accountId: 'acme',
  ownerId,
  score: 82,
  breakdown: [{ criterion: 'industry', weight: 20, score: 1, explanation: 'same industry (Manufacturing)' }],
});
const shortlisted: ReferenceRequestEvent = {
  type: 'CandidatesShortlisted',
  data: {
    requestId: REQUEST_ID,
    candidates: [candidate('ines'), candidate('omar', actors.otherOwner.userId)],
    shortlistedBy: 'pat-pm',
    shortlistedAt: day(-1),
  },
};
const e = {
  approvalRequested: (advocateId = 'ines'): ReferenceRequestEvent => ({
    type: 'OwnerApprovalRequested',
    data: { requestId: REQUEST_ID, advocateId, ownerId: actors.accountOwner.userId, requestedAt: NOW },
  }),
  approved: (advocateId = 'ines'): ReferenceRequestEvent => ({
    type: 'AskApprovedByOwner',
    data: { requestId: REQUEST_ID, advocateId, ownerId: actors.accountOwner.userId, approvedAt: NOW },
  }),
  declined: (advocateId = 'ines'): ReferenceRequestEvent => ({
    type: 'AskDeclinedByOwner',
    data: {
      requestId: REQUEST_ID,
      advocateId,
      ownerId: actors.accountOwner.userId,
      reason: 'Renewal at risk',
      declinedAt: NOW,
    },
  }),
  asked: (advocateId = 'ines', engagementId = 'eng-1'): ReferenceRequestEvent => ({
    type: 'AdvocateAsked',
    data: {
      requestId: REQUEST_ID,
      advocateId,
      engagementId,
      clearance: 'OWNER',
      askedBy: 'pat-pm',
      askedAt: NOW,
    },
  }),
  accepted: (advocateId = 'ines', engagementId = 'eng-1'): ReferenceRequestEvent => ({
    type: 'AdvocateAcceptedRequest',
    data: { requestId: REQUEST_ID, advocateId, engagementId, acceptedAt: NOW },
  }),
  scheduled: (advocateId = 'ines', engagementId = 'eng-1'): ReferenceRequestEvent => ({
    type: 'ActivityScheduled',
    data: { requestId: REQUEST_ID, advocateId, engagementId, at: day(-1) },
  }),
  completed: (advocateId = 'ines', engagementId = 'eng-1'): ReferenceRequestEvent => ({
    type: 'ActivityCompleted',
    data: { requestId: REQUEST_ID, advocateId, engagementId, completedAt: day(-1) },
  }),
};
const working = [submitted, triaged, shortlisted];
const statusAfter = (events: ReferenceRequestEvent[]): ReferenceRequestState['status'] =>
  events.reduce(referenceRequestDecider.evolve, referenceRequestDecider.initialState).status;

describe('submitting and triaging a reference request', () => {
  it('any department submits an ask for an opportunity; criteria are normalised', () => {
    request
      .given([])
      .when(requestCommand('SubmitReferenceRequest', submitData), as(actors.requester))
      .thenEvents((events, state) => {
        expect(events).toEqual([{ ...submitted, data: { ...submitted.data, submittedAt: NOW } }]);
        expect(state.status).toBe('SUBMITTED');
      });
  });

  it('a request id is submitted once', () => {
    request
      .given([submitted])
      .when(requestCommand('SubmitReferenceRequest', submitData))
      .thenThrows('ALREADY_EXISTS');
  });

  it('a program manager triages a submitted request', () => {
    request
      .given([submitted])
      .when(requestCommand('TriageRequest', { priority: 'HIGH' }))
      .thenEvents((events, state) => {
        expect(events).toEqual([{ ...triaged, data: { ...triaged.data, triagedAt: NOW } }]);
        expect(state).toMatchObject({ status: 'TRIAGED', priority: 'HIGH' });
      });
  });

  it('only a program manager triages', () => {
    request
      .given([submitted])
      .when(requestCommand('TriageRequest', { priority: 'HIGH' }), as(actors.requester))
      .thenThrows('FORBIDDEN');
  });

  it('a request is triaged once', () => {
    request
      .given([submitted, triaged])
      .when(requestCommand('TriageRequest', { priority: 'LOW' }))
      .thenThrows('INVALID_TRANSITION', /TRIAGED/);
  });

  it('candidates are shortlisted with their score explanation only after triage', () => {
    const shortlist = requestCommand('ShortlistCandidates', { candidates: [candidate('ines')] });
    request
      .given([submitted])
      .when(shortlist)
      .thenThrows('INVALID_TRANSITION', /SUBMITTED/);
    request
      .given([submitted, triaged])
      .when(shortlist)
      .thenEvents(([event], state) => {
        expect(event).toMatchObject({ data: { candidates: [candidate('ines')], shortlistedBy: 'pat-pm' } });
        expect(state.status).toBe('SHORTLISTED');
        expect(state.candidates['ines']?.status).toBe('SHORTLISTED');
      });
  });

  it('shortlisting only candidates already on the list is refused', () => {
    request
      .given(working)
      .when(requestCommand('ShortlistCandidates', { candidates: [candidate('ines')] }))
      .thenThrows('INVALID_TRANSITION', /ALREADY_SHORTLISTED/);
  });
});

// Invariant 3
describe('the owner gate on a request (invariant 3)', () => {
  // Invariant 3
  it('an advocate cannot be asked before the account owner approved', () => {
    request
      .given(working)
      .when(requestCommand('AskAdvocate', { advocateId: 'ines', engagementId: 'eng-1' }))
      .thenThrows('OWNER_APPROVAL_REQUIRED');
    request
      .given([...working, e.approvalRequested()])
      .when(requestCommand('AskAdvocate', { advocateId: 'ines', engagementId: 'eng-1' }))
      .thenThrows('OWNER_APPROVAL_REQUIRED');
  });

  // Invariant 3
  it('once the owner approved, the ask goes out recording the owner clearance', () => {
    request
      .given([...working, e.approvalRequested(), e.approved()])
      .when(requestCommand('AskAdvocate', { advocateId: 'ines', engagementId: 'eng-1' }))
      .then([e.asked()]);
  });

  // Invariant 3
  it('the account owner approves the ask', () => {
    request
      .given([...working, e.approvalRequested()])
      .when(requestCommand('ApproveAsk', { advocateId: 'ines' }), as(actors.accountOwner))
      .then([e.approved()]);
  });

  // Invariant 3
  it('nobody but the account owner approves in their name — not another owner, not a program manager', () => {
    for (const actor of [actors.otherOwner, actors.programManager, actors.requester]) {
      request
        .given([...working, e.approvalRequested()])
        .when(requestCommand('ApproveAsk', { advocateId: 'ines' }), as(actor))
        .thenThrows('FORBIDDEN');
    }
  });

  // Invariants 3 and 11
  it('whoever acts for the account now approves: a new owner or a delegate, no longer the previous owner', () => {
    const now = (...userIds: string[]) => ({ accountActors: () => userIds });
    request
      .given([...working, e.approvalRequested()])
      .when(requestCommand('ApproveAsk', { advocateId: 'ines' }), {
        actor: actors.otherOwner,
        ...now(actors.otherOwner.userId),
      })
      .thenEvents((events) =>
        expect(events[0]).toMatchObject({ data: { ownerId: actors.otherOwner.userId } }),
      );
    request
      .given([...working, e.approvalRequested()])
      .when(requestCommand('ApproveAsk', { advocateId: 'ines' }), {
        actor: actors.accountOwner,
        ...now(actors.otherOwner.userId),
      })
      .thenThrows('FORBIDDEN', /otto-ae/);
  });

  // Invariant 3
  it('an owner who declines must say why, and the advocate is not asked', () => {
    request
      .given([...working, e.approvalRequested()])
      .when(
        requestCommand('DeclineAsk', { advocateId: 'ines', reason: 'Renewal at risk' }),
        as(actors.accountOwner),
      )
      .then([e.declined()]);
    request
      .given([...working, e.approvalRequested()])
      .when(requestCommand('DeclineAsk', { advocateId: 'ines', reason: '' }), as(actors.accountOwner))
      .thenThrows('VALIDATION_FAILED', /reason/);
    request
      .given([...working, e.approvalRequested(), e.declined()])
      .when(requestCommand('AskAdvocate', { advocateId: 'ines', engagementId: 'eng-1' }))
      .thenThrows('OWNER_APPROVAL_REQUIRED');
  });

  // Invariant 3
  it("a program manager's override is recorded with its reason and clears the ask", () => {
    const override = requestCommand('OverrideOwnerApproval', {
      advocateId: 'ines',
      reason: 'Owner on leave',
    });
    request
      .given([...working, e.approvalRequested(), e.declined()])
      .when(override)
      .then([
        {
          type: 'OwnerApprovalOverridden',
          data: {
            requestId: REQUEST_ID,
            advocateId: 'ines',
            overriddenBy: 'pat-pm',
            reason: 'Owner on leave',
            overriddenAt: NOW,
          },
        },
      ]);
    request
      .given([
        ...working,
        {
          type: 'OwnerApprovalOverridden',
          data: {
            requestId: REQUEST_ID,
            advocateId: 'ines',
            overriddenBy: 'pat-pm',
            reason: 'x',
            overriddenAt: NOW,
          },
        },
      ])
      .when(requestCommand('AskAdvocate', { advocateId: 'ines', engagementId: 'eng-1' }))
      .thenEvents(([asked]) => expect(asked).toMatchObject({ data: { clearance: 'OVERRIDE' } }));
  });

  // Invariant 3
  it('only a program manager overrides the owner', () => {
    request
      .given([...working, e.approvalRequested()])
      .when(
        requestCommand('OverrideOwnerApproval', { advocateId: 'ines', reason: 'I need it' }),
        as(actors.requester),
      )
      .thenThrows('FORBIDDEN');
  });
});

// Invariant 7
describe('the request lifecycle (invariant 7)', () => {
  const asked = [...working, e.approvalRequested(), e.approved(), e.asked()];

  // Invariant 7
  it('asking the first advocate puts the request IN_PROGRESS', () => {
    expect(statusAfter(working)).toBe('SHORTLISTED');
    expect(statusAfter(asked)).toBe('IN_PROGRESS');
  });

  // Invariant 7
  it('an advocate who accepts fulfils a request that needs one advocate', () => {
    request
      .given(asked)
      .when(requestCommand('RecordAdvocateResponse', { advocateId: 'ines', accepted: true }))
      .thenEvents((events, state) => {
        expect(events).toEqual([e.accepted()]);
        expect(state.status).toBe('FULFILLED');
      });
  });

  // Invariant 7
  it('an advocate who declines leaves the request in progress', () => {
    request
      .given(asked)
      .when(
        requestCommand('RecordAdvocateResponse', {
          advocateId: 'ines',
          accepted: false,
          reason: 'Travelling',
        }),
      )
      .thenEvents((events, state) => {
        expect(events[0]?.type).toBe('AdvocateDeclinedRequest');
        expect(state.status).toBe('IN_PROGRESS');
        expect(state.candidates['ines']?.status).toBe('DECLINED');
      });
  });

  // Invariant 7
  it('a response is recorded only from an advocate who was asked', () => {
    request
      .given(working)
      .when(requestCommand('RecordAdvocateResponse', { advocateId: 'ines', accepted: true }))
      .thenThrows('INVALID_TRANSITION', /SHORTLISTED/);
  });

  // Invariant 7
  it('only an accepted activity is scheduled, and only a scheduled one is completed', () => {
    request
      .given(asked)
      .when(requestCommand('ScheduleActivity', { advocateId: 'ines', at: day(5) }))
      .thenThrows('INVALID_TRANSITION', /ASKED/);
    request
      .given([...asked, e.accepted()])
      .when(requestCommand('CompleteActivity', { advocateId: 'ines' }))
      .thenThrows('INVALID_TRANSITION', /ACCEPTED/);
    request
      .given([...asked, e.accepted()])
      .when(requestCommand('ScheduleActivity', { advocateId: 'ines', at: day(5) }))
      .then([
        {
          type: 'ActivityScheduled',
          data: { requestId: REQUEST_ID, advocateId: 'ines', engagementId: 'eng-1', at: day(5) },
        },
      ]);
  });

  // Invariant 7: an activity is done after its ask (so after the request was submitted).
  it('an activity cannot be completed before the advocate was asked', () => {
    const askedEarlier: ReferenceRequestEvent = {
      type: 'AdvocateAsked',
      data: {
        requestId: REQUEST_ID,
        advocateId: 'ines',
        engagementId: 'eng-1',
        clearance: 'OWNER',
        askedBy: 'pat-pm',
        askedAt: day(-1),
      },
    };
    const scheduled = [
      ...working,
      e.approvalRequested(),
      e.approved(),
      askedEarlier,
      e.accepted(),
      e.scheduled(),
    ];
    request
      .given(scheduled)
      .when(requestCommand('CompleteActivity', { advocateId: 'ines', completedAt: day(-5) }))
      .thenThrows('VALIDATION_FAILED', /completedAt.*before the ask/);
    request
      .given(scheduled)
      .when(requestCommand('CompleteActivity', { advocateId: 'ines', completedAt: day(-1) }))
      .then([
        {
          type: 'ActivityCompleted',
          data: { requestId: REQUEST_ID, advocateId: 'ines', engagementId: 'eng-1', completedAt: day(-1) },
        },
      ]);
  });

  // Invariant 7
  it('completing every committed activity completes the request; the outcome closes it', () => {
    const done = [...asked, e.accepted(), e.scheduled(), e.completed()];
    expect(statusAfter(done)).toBe('COMPLETED');
    request
      .given(done)
      .when(
        requestCommand('RecordOutcome', { result: 'WON', amount: { amount: 240000, currency: 'EUR' } }),
        as(actors.requester),
      )
      .thenEvents((events, state) => {
        expect(events[0]).toMatchObject({
          type: 'OutcomeRecorded',
          data: { result: 'WON', recordedBy: 'sam-sales' },
        });
        expect(state).toMatchObject({ status: 'CLOSED', outcome: 'WON' });
      });
  });

  // Invariant 7
  it('only the requester or a program manager records the outcome or feedback', () => {
    const done = [...asked, e.accepted(), e.scheduled(), e.completed()];
    request
      .given(done)
      .when(requestCommand('RecordOutcome', { result: 'LOST' }), as(actors.otherOwner))
      .thenThrows('FORBIDDEN');
    request
      .given(done)
      .when(requestCommand('RecordRequestFeedback', { advocateId: 'ines', rating: 5 }), as(actors.otherOwner))
      .thenThrows('FORBIDDEN');
    request
      .given(done)
      .when(requestCommand('RecordRequestFeedback', { advocateId: 'ines', rating: 5 }), as(actors.requester))
      .thenEvents(([event]) => expect(event).toMatchObject({ data: { rating: 5, engagementId: 'eng-1' } }));
  });

  // Invariant 7
  it('an outcome cannot be recorded before anyone was asked', () => {
    request
      .given(working)
      .when(requestCommand('RecordOutcome', { result: 'WON' }))
      .thenThrows('INVALID_TRANSITION');
  });

  // Invariant 7
  it('a released candidate drops out, and the requester learns which engagement', () => {
    request
      .given([...asked, e.accepted()])
      .when(requestCommand('ReleaseCandidate', { advocateId: 'ines', reason: 'CONSENT_WITHDRAWN' }))
      .thenEvents((events, state) => {
        expect(events).toEqual([
          {
            type: 'CandidateReleased',
            data: {
              requestId: REQUEST_ID,
              advocateId: 'ines',
              engagementId: 'eng-1',
              reason: 'CONSENT_WITHDRAWN',
              releasedAt: NOW,
            },
          },
        ]);
        expect(state.status).toBe('IN_PROGRESS');
      });
  });

  // Invariant 7
  it('the requester or a program manager cancels an open request; a closed one stays closed', () => {
    request
      .given(working)
      .when(requestCommand('CancelRequest', { reason: 'Deal lost early' }), as(actors.requester))
      .thenEvents((_events, state) => expect(state.status).toBe('CANCELLED'));
    request
      .given(working)
      .when(requestCommand('CancelRequest', { reason: 'Not mine' }), as(actors.otherOwner))
      .thenThrows('FORBIDDEN');
    request
      .given([
        ...working,
        {
          type: 'RequestCancelled',
          data: { requestId: REQUEST_ID, reason: 'x', cancelledBy: 'sam-sales', cancelledAt: NOW },
        },
      ])
      .when(requestCommand('CancelRequest', { reason: 'again' }))
      .thenThrows('INVALID_TRANSITION', /CANCELLED/);
  });

  // Invariant 7
  it('a request lapses only once its due date has passed', () => {
    request
      .given(working)
      .when(requestCommand('LapseRequest', {}))
      .thenThrows('INVALID_TRANSITION', /NOT_YET_DUE/);
    request
      .given(working)
      .when(requestCommand('LapseRequest', {}), { now: day(15) })
      .then([{ type: 'RequestLapsed', data: { requestId: REQUEST_ID, dueBy: day(14), lapsedAt: day(15) } }]);
  });

  // Invariant 7
  it('a fulfilled request does not lapse', () => {
    request
      .given([...asked, e.accepted()])
      .when(requestCommand('LapseRequest', {}), { now: day(15) })
      .thenThrows('INVALID_TRANSITION', /FULFILLED/);
  });

  it('an unknown request is NOT_FOUND', () => {
    request
      .given([])
      .when(requestCommand('TriageRequest', { priority: 'LOW' }))
      .thenThrows('NOT_FOUND');
  });
});

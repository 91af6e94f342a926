import {
  addHours,
  advocateDecider,
  programDecider,
  decideRequestWorkflow,
  referenceRequestDecider,
  type Actor,
  type AdvocateEvent,
  type ReferenceRequestEvent,
  type RequestWorkflowCommand,
} from '../src';
import {
  activeAdvocate,
  actors,
  advocateCommand,
  advocateContext,
  consentGranted,
  context,
  day,
  engagementAccepted,
  engagementReserved,
  engagementScheduled,
  NOW,
  programCommand,
  requestCommand,
  reserveEngagement,
} from './support/builders';
import { specification } from './support/specification';
import { expectFoldGoesOnFromAnySavedPoint } from './support/saved-state';

// Scheduling with proof: the advocate offers slots, the requester picks, attendance is proven or the call is missed.

const request = specification(referenceRequestDecider, () => context());
const advocate = specification(advocateDecider, () => advocateContext());
const REQ = 'req-1';
const ENG = 'req-1.ines';
const ids = { requestId: REQ, advocateId: 'ines', engagementId: ENG };
const asRequester = { actor: actors.requester };

const accepted: ReferenceRequestEvent[] = [
  {
    type: 'ReferenceRequestSubmitted',
    data: {
      requestId: REQ,
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
        industries: [],
        regions: [],
        products: [],
        useCases: [],
        languages: [],
        territory: 'EMEA',
        channel: 'PRIVATE',
      },
      dueBy: day(14),
      submittedAt: day(-2),
    },
  },
  {
    type: 'CandidatesShortlisted',
    data: {
      requestId: REQ,
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
  {
    type: 'AskApprovedByOwner',
    data: { requestId: REQ, advocateId: 'ines', ownerId: actors.accountOwner.userId, approvedAt: NOW },
  },
  {
    type: 'AdvocateAsked',
    data: { ...ids, clearance: 'OWNER', askedBy: 'pat-pm', askedAt: NOW },
  },
  { type: 'AdvocateAcceptedRequest', data: { ...ids, acceptedAt: NOW } },
];

const starts = [day(2), day(3), day(4)];
const slot = (startsAt: string) => ({ startsAt, endsAt: addHours(startsAt, 0.5) });
const offer = (slots = starts) =>
  requestCommand('OfferSlots', {
    advocateId: 'ines',
    slots: slots.map((startsAt) => ({ startsAt })),
    durationMinutes: 30,
    timeZone: 'Europe/Berlin',
  });
const offered = (offerNo = 1, slots = starts): ReferenceRequestEvent => ({
  type: 'SlotsOffered',
  data: {
    ...ids,
    offerNo,
    timeZone: 'Europe/Berlin',
    durationMinutes: 30,
    slots: slots.map(slot),
    offeredBy: 'pat-pm',
    offeredAt: NOW,
  },
});
const picked = (startsAt = day(2), offerNo = 1): ReferenceRequestEvent[] => [
  {
    type: 'SlotPicked',
    data: {
      ...ids,
      offerNo,
      timeZone: 'Europe/Berlin',
      startsAt,
      endsAt: addHours(startsAt, 0.5),
      pickedBy: actors.requester.userId,
      pickedAt: NOW,
    },
  },
  { type: 'ActivityScheduled', data: { ...ids, at: startsAt } },
];
const pick = (startsAt: string) => requestCommand('PickSlot', { advocateId: 'ines', startsAt });
const confirm = (party: 'ADVOCATE' | 'REQUESTER' | 'MEETING_PROVIDER') =>
  requestCommand('ConfirmAttendance', { advocateId: 'ines', party });
const confirmed = (
  party: 'ADVOCATE' | 'REQUESTER' | 'MEETING_PROVIDER',
  by: string,
): ReferenceRequestEvent => ({
  type: 'AttendanceConfirmed',
  data: { ...ids, party, confirmedBy: by, confirmedAt: DURING },
});
/** Ten minutes into the picked call; and after it ended. */
const DURING = addHours(day(2), 1 / 6);
const AFTER = addHours(day(2), 2);
const scheduledRequest = [...accepted, offered(), ...picked()];

describe('OfferSlots: the advocate (through the program) offers times for the call', () => {
  it('records at least three future slots, each ending after its duration, in a named time zone', () => {
    request.given(accepted).when(offer()).then([offered()]);
  });

  it('refuses fewer than three slots', () => {
    request
      .given(accepted)
      .when(offer([day(2), day(3)]))
      .thenThrows('VALIDATION_FAILED', /3 to 10 slots/);
  });

  it('refuses overlapping slots', () => {
    request
      .given(accepted)
      .when(offer([day(2), addHours(day(2), 0.25), day(4)]))
      .thenThrows('VALIDATION_FAILED', /overlap/);
  });

  it('refuses a slot in the past', () => {
    request
      .given(accepted)
      .when(offer([day(-1), day(3), day(4)]))
      .thenThrows('VALIDATION_FAILED', /future/);
  });

  it('refuses an unknown time zone', () => {
    const command = requestCommand('OfferSlots', { ...offer().data, timeZone: 'Mars/Olympus' });
    request.given(accepted).when(command).thenThrows('VALIDATION_FAILED', /IANA/);
  });

  it('refuses before the advocate accepted', () => {
    request.given(accepted.slice(0, 4)).when(offer()).thenThrows('INVALID_TRANSITION');
  });

  it('offers a new round to reschedule; the pick stays until a new one', () => {
    request
      .given(scheduledRequest)
      .when(offer([day(5), day(6), day(7)]))
      .thenEvents((events, state) => {
        expect(events).toEqual([offered(2, [day(5), day(6), day(7)])]);
        expect(state.candidates.ines?.schedule?.picked?.startsAt).toBe(day(2));
        expect(state.candidates.ines?.schedule?.offers).toHaveLength(2);
      });
  });
});

describe("PickSlot: only the request's requester picks an offered slot", () => {
  it('records the pick and schedules the activity at its start', () => {
    request
      .given([...accepted, offered()])
      .when(pick(day(3)), asRequester)
      .then(picked(day(3)));
  });

  it('refuses a slot that was not offered', () => {
    request
      .given([...accepted, offered()])
      .when(pick(day(5)), asRequester)
      .thenThrows('SLOT_NOT_OFFERED');
  });

  it('refuses anyone but the requester (even a program manager)', () => {
    request
      .given([...accepted, offered()])
      .when(pick(day(3)))
      .thenThrows('FORBIDDEN');
  });

  it('refuses a slot of an offer a newer one replaced', () => {
    request
      .given([...scheduledRequest, offered(2, [day(5), day(6), day(7)])])
      .when(pick(day(3)), asRequester)
      .thenThrows('SLOT_NOT_OFFERED');
  });

  it('moves the call to a slot of the new offer, naming the old time (history kept)', () => {
    request
      .given([...scheduledRequest, offered(2, [day(5), day(6), day(7)])])
      .when(pick(day(6)), asRequester)
      .thenEvents(([moved]) => {
        expect(moved).toMatchObject({
          type: 'SlotPicked',
          data: { startsAt: day(6), rescheduledFrom: day(2), offerNo: 2 },
        });
      });
  });

  it('refuses a slot whose time has passed', () => {
    request
      .given([...accepted, offered()])
      .when(pick(day(2)), { ...asRequester, now: day(2) })
      .thenThrows('INVALID_TRANSITION', /PAST/);
  });
});

describe('ConfirmAttendance: completion needs proof', () => {
  it('refuses before the call began', () => {
    request
      .given(scheduledRequest)
      .when(confirm('REQUESTER'), asRequester)
      .thenThrows('INVALID_TRANSITION', /NOT_STARTED/);
  });

  it('one side alone is recorded but is no proof', () => {
    request
      .given(scheduledRequest)
      .when(confirm('REQUESTER'), { ...asRequester, now: DURING })
      .then([confirmed('REQUESTER', actors.requester.userId)]);
  });

  it('both sides complete the activity, at the end of the slot', () => {
    request
      .given([...scheduledRequest, confirmed('REQUESTER', actors.requester.userId)])
      .when(confirm('ADVOCATE'), { now: AFTER })
      .thenEvents((events, state) => {
        expect(events[1]).toEqual({
          type: 'ActivityCompleted',
          data: { ...ids, completedAt: slot(day(2)).endsAt },
        });
        expect(state.candidates.ines?.status).toBe('COMPLETED');
      });
  });

  it("the meeting provider's signal alone completes it (at now while the call still runs)", () => {
    request
      .given(scheduledRequest)
      .when(confirm('MEETING_PROVIDER'), { now: DURING })
      .thenEvents((events) => {
        expect(events.map((e) => e.type)).toEqual(['AttendanceConfirmed', 'ActivityCompleted']);
        expect(events[1]?.data).toMatchObject({ completedAt: DURING });
      });
  });

  it('refuses the same party confirming twice', () => {
    request
      .given([...scheduledRequest, confirmed('REQUESTER', actors.requester.userId)])
      .when(confirm('REQUESTER'), { ...asRequester, now: AFTER })
      .thenThrows('INVALID_TRANSITION', /CONFIRMED/);
  });

  it('the requester speaks only for themself; the program for the advocate and the provider', () => {
    request
      .given(scheduledRequest)
      .when(confirm('ADVOCATE'), { ...asRequester, now: DURING })
      .thenThrows('FORBIDDEN');
    request.given(scheduledRequest).when(confirm('REQUESTER'), { now: DURING }).thenThrows('FORBIDDEN');
  });

  it('refuses a call nobody picked a time for', () => {
    const legacy: ReferenceRequestEvent[] = [
      ...accepted,
      { type: 'ActivityScheduled', data: { ...ids, at: day(2) } },
    ];
    request
      .given(legacy)
      .when(confirm('MEETING_PROVIDER'), { now: AFTER })
      .thenThrows('INVALID_TRANSITION', /NOT_PICKED/);
  });
});

describe('MarkActivityMissed: no proof after the call', () => {
  const missed = requestCommand('MarkActivityMissed', { advocateId: 'ines', countsTowardFatigue: true });

  it('refuses before the call ended', () => {
    request
      .given(scheduledRequest)
      .when(missed, { now: DURING })
      .thenThrows('INVALID_TRANSITION', /NOT_ENDED/);
  });

  it('marks the candidate MISSED, naming who had confirmed', () => {
    request
      .given([...scheduledRequest, confirmed('REQUESTER', actors.requester.userId)])
      .when(missed, { now: day(3) })
      .thenEvents((events, state) => {
        expect(events).toEqual([
          {
            type: 'ActivityMissed',
            data: {
              ...ids,
              ...slot(day(2)),
              confirmedBy: ['REQUESTER'],
              countsTowardFatigue: true,
              missedAt: day(3),
            },
          },
        ]);
        expect(state.candidates.ines?.status).toBe('MISSED');
      });
  });
});

describe('MarkEngagementMissed: the advocate side of a no-show, counted as the program decides', () => {
  const scheduled: AdvocateEvent[] = [
    ...activeAdvocate(),
    consentGranted(),
    engagementReserved({ activityAt: day(1) }),
    engagementAccepted(),
    engagementScheduled(day(1)),
  ];
  const markMissed = (countsTowardFatigue: boolean) =>
    advocateCommand('MarkEngagementMissed', { engagementId: 'eng-1', countsTowardFatigue });

  it('refuses before the call started', () => {
    advocate
      .given(scheduled)
      .when(markMissed(true))
      .thenThrows('INVALID_TRANSITION', /NOT_STARTED/);
  });

  it('refuses an engagement that is not scheduled', () => {
    advocate
      .given(scheduled.slice(0, 4))
      .when(markMissed(true), { now: day(2) })
      .thenThrows('INVALID_TRANSITION');
  });

  it('a missed call the program counts holds the rest days against the next ask', () => {
    const missed: AdvocateEvent = {
      type: 'EngagementMissed',
      data: {
        advocateId: 'ines',
        engagementId: 'eng-1',
        requestId: 'req-1',
        kind: 'REFERENCE_CALL',
        scheduledAt: day(1),
        countsTowardFatigue: true,
        missedAt: day(2),
      },
    };
    advocate
      .given(scheduled)
      .when(markMissed(true), { now: day(2) })
      .then([missed]);
    const next = reserveEngagement({ engagementId: 'eng-2', activityAt: day(3) });
    advocate
      .given([...scheduled, missed])
      .when(next, { now: day(2) })
      .thenThrows('FATIGUE_LIMIT');
    const uncounted = { ...missed, data: { ...missed.data, countsTowardFatigue: false } } as AdvocateEvent;
    advocate
      .given([...scheduled, uncounted])
      .when(next, { now: day(2) })
      .thenEvents(([reserved]) => expect(reserved?.type).toBe('EngagementReserved'));
  });
});

describe('the scheduling workflow: the advocate side first, run for the system', () => {
  const decide = (
    history: readonly ReferenceRequestEvent[],
    command: RequestWorkflowCommand,
    now = NOW,
    actor: Actor = actors.requester,
  ) =>
    decideRequestWorkflow(
      REQ,
      command,
      history.reduce(referenceRequestDecider.evolve, referenceRequestDecider.initialState),
      context({ now, actor }),
    );

  it('a pick schedules the engagement at the slot (consent and fatigue gates), then records the pick', () => {
    const steps = decide([...accepted, offered()], pick(day(3)));
    expect(steps.map((s) => [s.aggregate, s.command.type, s.actsAs === 'SYSTEM'])).toEqual([
      ['Advocate', 'ScheduleEngagement', true],
      ['ReferenceRequest', 'PickSlot', false],
    ]);
    expect(steps[0]?.command.data).toEqual({ engagementId: ENG, at: day(3) });
  });

  it('a pick the request refuses never reaches the advocate', () => {
    expect(() => decide([...accepted, offered()], pick(day(9)))).toThrow(/No slot starting/);
  });

  it("the advocate's consent must still hold at the picked time (withdrawn or expiring before the call)", () => {
    const steps = decide([...accepted, offered()], pick(day(4)));
    const history: AdvocateEvent[] = [
      ...activeAdvocate(),
      consentGranted({ validUntil: day(3) }),
      engagementReserved({ engagementId: ENG, activityAt: day(1) }),
      engagementAccepted(ENG),
    ];
    advocate
      .given(history)
      .when(steps[0]!.command as never)
      .thenThrows('CONSENT_REQUIRED');
  });

  it('a confirmation that completes the proof records the use on the advocate first; one that does not, only on the request', () => {
    const completing = decide(
      [...scheduledRequest, confirmed('REQUESTER', 'sam-sales')],
      confirm('ADVOCATE'),
      AFTER,
      actors.programManager,
    );
    expect(completing.map((s) => s.command.type)).toEqual(['CompleteEngagement', 'ConfirmAttendance']);
    expect(completing[0]?.command.data).toEqual({ engagementId: ENG, completedAt: slot(day(2)).endsAt });
    const partial = decide(scheduledRequest, confirm('REQUESTER'), AFTER);
    expect(partial.map((s) => s.command.type)).toEqual(['ConfirmAttendance']);
  });
});

describe('SetSchedulingPolicy: the program decides the grace period and whether a missed call counts', () => {
  const program = specification(programDecider, () => context());

  it('records the policy and who set it', () => {
    program
      .given([])
      .when(programCommand('SetSchedulingPolicy', { graceMinutes: 60, missedCountsTowardFatigue: false }))
      .then([
        {
          type: 'SchedulingPolicySet',
          data: { policy: { graceMinutes: 60, missedCountsTowardFatigue: false }, setBy: 'pat-pm' },
        },
      ]);
  });

  it('refuses a grace period beyond a week', () => {
    program
      .given([])
      .when(programCommand('SetSchedulingPolicy', { graceMinutes: 20000, missedCountsTowardFatigue: true }))
      .thenThrows('VALIDATION_FAILED');
  });
});

describe('a schedule read back from a snapshot', () => {
  it('takes a pick after its offer into the same state as straight through, member order included', () => {
    expectFoldGoesOnFromAnySavedPoint(referenceRequestDecider, [...accepted, offered(), ...picked()]);
  });
});

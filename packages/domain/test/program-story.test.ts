import {
  DEFAULT_PROGRAM_POLICIES,
  DomainError,
  accountDecider,
  addDays,
  advocateDecider,
  availabilityOf,
  contentAssetDecider,
  fatigueHeadroom,
  fatigueRules,
  fold,
  matchScore,
  nominationDecider,
  profileFreshness,
  programDecider,
  referenceRequestDecider,
  type Actor,
  type Command,
  type Decider,
  type DecisionContext,
  type DomainEvent,
} from '../src';

/**
 * A whole reference program, run through the deciders alone: one story from nomination to
 * outcome, then a withdrawal, then an erasure deferred by a legal hold. The process
 * managers of the application layer are played here by hand, step by step.
 */
class Program {
  private readonly streams = new Map<string, DomainEvent[]>();
  private ids = 0;
  now = '2026-11-23T09:00:00.000Z';

  run<C extends Command, S, E extends DomainEvent, Ctx extends DecisionContext>(
    decider: Decider<C, S, E, Ctx>,
    streamId: string,
    command: C,
    actor: Actor,
    extra: Omit<Ctx, keyof DecisionContext> = {} as Omit<Ctx, keyof DecisionContext>,
  ): E[] {
    const history = (this.streams.get(streamId) ?? []) as E[];
    const context = { now: this.now, newId: () => `id-${++this.ids}`, actor, ...extra } as Ctx;
    const events = decider.decide(command, fold(decider, history), context);
    this.streams.set(streamId, [...history, ...events]);
    return events;
  }

  state<S, E extends DomainEvent>(
    decider: Pick<Decider<Command, S, E, never>, 'evolve' | 'initialState'>,
    streamId: string,
  ): S {
    return fold(decider, (this.streams.get(streamId) ?? []) as E[]);
  }

  history(streamId: string): DomainEvent[] {
    return this.streams.get(streamId) ?? [];
  }

  advance(days: number): void {
    this.now = addDays(this.now, days);
  }
}

const pm: Actor = { userId: 'pat-pm', roles: ['PROGRAM_MANAGER'] };
const owner: Actor = { userId: 'olga-ae', roles: ['ACCOUNT_OWNER'] };
const rep: Actor = { userId: 'sam-sales', roles: ['REQUESTER'] };
const admin: Actor = { userId: 'ada-admin', roles: ['ADMIN'] };
let policies = DEFAULT_PROGRAM_POLICIES;
const cmd = <T extends string, D extends object>(
  type: T,
  data: D,
  commandId = `${type}-${Math.abs(hash(JSON.stringify(data)))}`,
) => ({ type, commandId, data }) as Command<T, D>;
function hash(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return h;
}

describe('a reference program, told as one story through the deciders', () => {
  const world = new Program();
  const advocate = (command: Command, actor: Actor = pm): DomainEvent[] =>
    world.run(advocateDecider, 'advocate-ines', command as never, actor, { policies });
  const request = (id: string, command: Command, actor: Actor = pm): DomainEvent[] =>
    world.run(referenceRequestDecider, id, command as never, actor);
  const types = (events: DomainEvent[]) => events.map((e) => e.type);

  it('nominates a happy customer and enrols the advocate once the program approves', () => {
    world.run(programDecider, 'program', cmd('SetNominationPolicy', { minAccountHealth: 70 }), pm);
    policies = world.state(programDecider, 'program').policies;
    expect(policies.nomination.minAccountHealth).toBe(70);
    world.run(
      accountDecider,
      'account-acme',
      cmd('RegisterAccount', {
        accountId: 'acme',
        name: 'Acme GmbH',
        industry: 'Manufacturing',
        segment: 'ENTERPRISE' as const,
        region: 'EMEA',
        products: ['Planner'],
        ownerId: owner.userId,
      }),
      pm,
    );
    world.run(accountDecider, 'account-acme', cmd('RecordAccountHealth', { healthScore: 86, nps: 60 }), pm);
    const account = world.state(accountDecider, 'account-acme');

    const nominationFacts = {
      policies,
      account: {
        exists: true,
        archived: false,
        ownerId: account.ownerId,
        healthScore: account.health?.healthScore,
      },
    };
    const submitted = world.run(
      nominationDecider,
      'nomination-1',
      cmd('SubmitNomination', {
        nominationId: 'nom-1',
        accountId: 'acme',
        candidateId: 'ines',
        name: 'Ines Weber',
        email: 'ines@acme.example',
        title: 'Head of Operations',
        seniority: 'DIRECTOR',
        products: ['Planner'],
        useCases: ['shop-floor planning'],
        languages: ['de', 'en'],
        evidenceKind: 'NPS_PROMOTER',
        evidence: 'Scored us 10 and praised the rollout in the QBR.',
      }),
      owner,
      nominationFacts,
    );
    expect(submitted[0]).toMatchObject({
      type: 'NominationSubmitted',
      data: { nominatedBy: owner.userId, accountHealth: 86 },
    });
    const approved = world.run(
      nominationDecider,
      'nomination-1',
      cmd('ApproveNomination', {}),
      pm,
      nominationFacts,
    );
    expect(types(approved)).toEqual(['NominationApproved']);

    // Process manager: nomination approved → advocate enrolled.
    advocate(
      cmd('EnrolAdvocate', {
        advocateId: 'ines',
        accountId: 'acme',
        nominationId: 'nom-1',
        name: 'Ines Weber',
        email: 'ines@acme.example',
        title: 'Head of Operations',
        seniority: 'DIRECTOR',
        products: ['Planner'],
        useCases: ['shop-floor planning'],
        languages: ['de', 'en'],
      }),
    );
    advocate(cmd('ActivateAdvocate', {}));
    expect(world.state(advocateDecider, 'advocate-ines').status).toBe('ACTIVE');
  });

  it('records her consent, with how and when it was collected', () => {
    const granted = advocate(
      cmd('GrantConsent', {
        consentId: 'consent-1',
        kinds: ['REFERENCE_CALL', 'CASE_STUDY'],
        territories: ['EMEA'],
        channels: ['PRIVATE', 'WEB'],
        validFrom: world.now,
        validUntil: addDays(world.now, 365),
        collectionMethod: 'E_SIGNATURE',
        collectedAt: world.now,
        evidenceHash: 'a'.repeat(64),
        noticeVersion: 'privacy-2026-09',
      }),
    );
    expect(granted[0]).toMatchObject({
      type: 'ConsentGranted',
      data: { version: 1, collection: { method: 'E_SIGNATURE' } },
    });
    const availability = availabilityOf(
      world.state(advocateDecider, 'advocate-ines'),
      'REFERENCE_CALL',
      world.now,
      policies,
    );
    expect(availability).toMatchObject({ available: true, consentId: 'consent-1' });
  });

  it('takes a sales request from submission to a won deal, through every gate', () => {
    request(
      'request-1',
      cmd('SubmitReferenceRequest', {
        requestId: 'req-1',
        department: 'SALES',
        kind: 'REFERENCE_CALL',
        advocatesNeeded: 1,
        opportunity: {
          opportunityId: 'opp-9',
          stage: 'EVALUATION',
          amount: { amount: 250000, currency: 'EUR' },
          industry: 'Manufacturing',
          region: 'EMEA',
          products: ['Planner'],
          competitor: 'Rival',
        },
        criteria: { languages: ['de'], territory: 'EMEA', channel: 'PRIVATE' },
        dueBy: addDays(world.now, 14),
      }),
      rep,
    );
    request('request-1', cmd('TriageRequest', { priority: 'HIGH' }));

    const ines = world.state(advocateDecider, 'advocate-ines');
    const counted = Object.values(ines.engagements).map((e) => ({ kind: e.kind, at: e.activityAt }));
    const rules = fatigueRules(policies.fatigue, ines.preferences);
    const headroom = fatigueHeadroom(counted, rules, 'REFERENCE_CALL', world.now);
    const submitted = world.state(referenceRequestDecider, 'request-1');
    const score = matchScore(
      {
        advocateId: 'ines',
        attributes: ines.attributes!,
        account: { industry: 'Manufacturing', region: 'EMEA', products: ['Planner'] },
        freshness: profileFreshness(ines, policies.freshness, world.now),
        headroom: {
          remaining: headroom.remaining,
          max: Math.min(...headroom.limits.map((l) => l.limit.max)),
        },
        ratings: [],
      },
      { opportunity: submitted.opportunity!, criteria: submitted.criteria! },
    );
    expect(score.total).toBeGreaterThan(80);
    request(
      'request-1',
      cmd('ShortlistCandidates', {
        candidates: [
          {
            advocateId: 'ines',
            accountId: 'acme',
            ownerId: owner.userId,
            score: score.total,
            breakdown: [...score.breakdown],
          },
        ],
      }),
    );

    // Invariant 3: no silent asks.
    expect(() =>
      request('request-1', cmd('AskAdvocate', { advocateId: 'ines', engagementId: 'eng-1' })),
    ).toThrow(DomainError);
    request('request-1', cmd('RequestOwnerApproval', { advocateId: 'ines' }));
    request('request-1', cmd('ApproveAsk', { advocateId: 'ines' }), owner);

    // The ask reserves an engagement on the advocate, where consent and fatigue are checked.
    const reserved = advocate(
      cmd('ReserveEngagement', {
        engagementId: 'eng-1',
        requestId: 'req-1',
        kind: 'REFERENCE_CALL',
        territory: 'EMEA',
        channel: 'PRIVATE',
        activityAt: addDays(world.now, 5),
        ownerClearance: { kind: 'OWNER', by: owner.userId },
      }),
    );
    expect(reserved[0]).toMatchObject({
      type: 'EngagementReserved',
      data: { consentId: 'consent-1', consentVersion: 1 },
    });
    request('request-1', cmd('AskAdvocate', { advocateId: 'ines', engagementId: 'eng-1' }));

    advocate(cmd('AcceptEngagement', { engagementId: 'eng-1' }));
    request('request-1', cmd('RecordAdvocateResponse', { advocateId: 'ines', accepted: true }));
    expect(world.state(referenceRequestDecider, 'request-1').status).toBe('FULFILLED');

    advocate(cmd('ScheduleEngagement', { engagementId: 'eng-1', at: addDays(world.now, 5) }));
    request('request-1', cmd('ScheduleActivity', { advocateId: 'ines', at: addDays(world.now, 5) }));
    world.advance(6);
    const completed = advocate(
      cmd('CompleteEngagement', { engagementId: 'eng-1', completedAt: addDays(world.now, -1) }),
    );
    expect(completed[0]).toMatchObject({
      type: 'EngagementCompleted',
      data: { consentId: 'consent-1', consentVersion: 1 },
    });
    request(
      'request-1',
      cmd('CompleteActivity', { advocateId: 'ines', completedAt: addDays(world.now, -1) }),
    );
    expect(world.state(referenceRequestDecider, 'request-1').status).toBe('COMPLETED');

    request(
      'request-1',
      cmd('RecordRequestFeedback', { advocateId: 'ines', rating: 5, comment: 'Convinced their COO.' }),
      rep,
    );
    advocate(cmd('RecordEngagementFeedback', { engagementId: 'eng-1', rating: 5 }), rep);
    const outcome = request(
      'request-1',
      cmd('RecordOutcome', { result: 'WON', amount: { amount: 240000, currency: 'EUR' } }),
      rep,
    );
    expect(outcome[0]).toMatchObject({ type: 'OutcomeRecorded', data: { result: 'WON' } });
    expect(world.state(referenceRequestDecider, 'request-1').status).toBe('CLOSED');
    expect(world.state(advocateDecider, 'advocate-ines').consents['consent-1']?.uses).toBe(1);
  });

  it('withdrawing consent for case studies releases the pending engagement and suspends the case study', () => {
    const content = (command: Command, actor: Actor = pm) =>
      world.run(contentAssetDecider, 'content-1', command as never, actor, {
        consentsOf: () => Object.values(world.state(advocateDecider, 'advocate-ines').consents),
      });
    content(
      cmd('DraftContent', {
        contentId: 'cs-1',
        kind: 'CASE_STUDY',
        title: 'Acme plans its shop floor in minutes',
        accountId: 'acme',
        holders: [{ holder: 'ADVOCATE', holderId: 'ines' }],
        territory: 'EMEA',
        channel: 'WEB',
      }),
    );
    content(cmd('ApproveContent', { evidence: 'sign-off email 2026-11-30, ref DOC-88' }));
    const published = content(cmd('PublishContent', { url: 'https://example.com/acme' }));
    expect(published[0]).toMatchObject({
      data: { reliesOn: [{ consentId: 'consent-1', consentVersion: 1 }] },
    });

    world.advance(10);
    advocate(
      cmd('ReserveEngagement', {
        engagementId: 'eng-2',
        requestId: 'req-2',
        kind: 'CASE_STUDY',
        territory: 'EMEA',
        channel: 'WEB',
        activityAt: addDays(world.now, 20),
        ownerClearance: { kind: 'OVERRIDE', by: pm.userId, reason: 'Owner on leave; PM approved.' },
      }),
    );

    const withdrawal = advocate(
      cmd('WithdrawConsent', {
        consentId: 'consent-1',
        kinds: ['CASE_STUDY'],
        reason: 'Legal asked her to stop case studies.',
      }),
    );
    expect(types(withdrawal)).toEqual(['ConsentWithdrawn', 'EngagementReleased']);
    expect(withdrawal[1]).toMatchObject({ data: { engagementId: 'eng-2', reason: 'CONSENT_WITHDRAWN' } });

    // Process manager: consent withdrawn → dependent content suspended.
    const suspended = content(cmd('SuspendContent', { reason: 'CONSENT_WITHDRAWN', consentId: 'consent-1' }));
    expect(types(suspended)).toEqual(['ContentSuspended']);
    expect(() => content(cmd('ReinstateContent', {}))).toThrow(
      expect.objectContaining({ code: 'CONSENT_REQUIRED' }),
    );

    // Earlier uses stay lawful and stay in history; the reference-call part still holds.
    const ines = world.state(advocateDecider, 'advocate-ines');
    expect(world.history('advocate-ines').filter((e) => e.type === 'EngagementCompleted')).toHaveLength(1);
    expect(availabilityOf(ines, 'REFERENCE_CALL', world.now, policies).reasons).not.toContainEqual(
      expect.objectContaining({ reason: 'CONSENT' }),
    );
    expect(availabilityOf(ines, 'CASE_STUDY', world.now, policies).reasons).toContainEqual({
      reason: 'CONSENT',
      gap: 'WITHDRAWN',
    });
  });

  it('defers an erasure under a legal hold and carries it out when the hold is released', () => {
    advocate(cmd('PlaceLegalHold', { holdId: 'hold-1', matter: 'Contract dispute 2026-17' }), admin);
    const deferred = advocate(
      cmd('RequestErasure', { reason: 'GDPR Art. 17 request by the advocate' }),
      admin,
    );
    expect(types(deferred)).toEqual(['ErasureDeferred']);
    expect(world.state(advocateDecider, 'advocate-ines')).toMatchObject({
      status: 'DO_NOT_CONTACT',
      contact: { name: 'Ines Weber' },
    });
    expect(() =>
      advocate(
        cmd('ReserveEngagement', {
          engagementId: 'eng-3',
          kind: 'REFERENCE_CALL',
          territory: 'EMEA',
          channel: 'PRIVATE',
          ownerClearance: { kind: 'OWNER', by: owner.userId },
        }),
      ),
    ).toThrow(expect.objectContaining({ code: 'ADVOCATE_UNAVAILABLE' }));

    const released = advocate(
      cmd('ReleaseLegalHold', { holdId: 'hold-1', reason: 'Dispute settled' }),
      admin,
    );
    expect(types(released)).toEqual(['LegalHoldReleased', 'AdvocateErased']);
    const erased = world.state(advocateDecider, 'advocate-ines');
    expect(erased.status).toBe('ERASED');
    expect(erased.contact).toBeUndefined();
    // History, counts and non-personal facts remain.
    expect(erased.consents['consent-1']?.uses).toBe(1);
    expect(erased.attributes?.seniority).toBe('DIRECTOR');
  });
});

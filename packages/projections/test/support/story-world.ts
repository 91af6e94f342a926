import {
  DEFAULT_PROGRAM_POLICIES,
  accountDecider,
  addDays,
  advocateDecider,
  contentAssetDecider,
  eventDefinition,
  fold,
  nominationDecider,
  programDecider,
  referenceRequestDecider,
  type Actor,
  type Command,
  type Decider,
  type DecisionContext,
  type DomainEvent,
  type EventEnvelope,
  type ProgramPolicies,
} from '@vouch/domain';
import { checkpointOf, type RecordedEvent } from '@vouch/event-store';

export const TENANT = 'tenant-1';
export const pm: Actor = { userId: 'pat-pm', roles: ['PROGRAM_MANAGER'] };
export const owner: Actor = { userId: 'olga-ae', roles: ['ACCOUNT_OWNER'] };
export const rep: Actor = { userId: 'sam-sales', roles: ['REQUESTER'] };
export const otherRep: Actor = { userId: 'rita-sales', roles: ['REQUESTER'] };
export const admin: Actor = { userId: 'ada-admin', roles: ['ADMIN'] };

let commands = 0;
/** A command with a fresh id. */
export const cmd = <T extends string, D extends object>(type: T, data: D) =>
  ({ type, commandId: `${type}-${++commands}`, data }) as Command<T, D>;

/**
 * A tenant's history built through the deciders, as the store would record it: every
 * decided event becomes a RecordedEvent with stream, version, checkpoint, recordedAt and
 * the envelope's actor and effectiveAt. `recordedLag` makes recording trail the world.
 */
export class StoryWorld {
  readonly log: RecordedEvent[] = [];
  readonly envelopes: { streamId: string; envelope: EventEnvelope }[] = [];
  private readonly streams = new Map<string, DomainEvent[]>();
  private ids = 0;
  now = '2026-11-23T09:00:00.000Z';
  recordedLagMs = 0;

  get policies(): ProgramPolicies {
    return this.state(programDecider, 'program').policies ?? DEFAULT_PROGRAM_POLICIES;
  }

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
    for (const event of events) this.record(streamId, event, actor, command.commandId);
    return events;
  }

  private record(streamId: string, event: DomainEvent, actor: Actor, commandId: string): void {
    const envelope: EventEnvelope = {
      eventId: `event-${this.log.length + 1}`,
      type: event.type,
      schemaVersion: eventDefinition(event.type)?.version ?? 1,
      data: event.data as Record<string, unknown>,
      metadata: {
        tenantId: TENANT,
        actor: { userId: actor.userId, roles: actor.roles },
        commandId,
        correlationId: commandId,
        causationId: commandId,
        effectiveAt: this.now,
      },
    };
    this.envelopes.push({ streamId, envelope });
    this.log.push({
      ...envelope,
      streamId,
      version: (this.streams.get(streamId) ?? []).indexOf(event) + 1,
      checkpoint: checkpointOf(this.log.length + 1),
      recordedAt: new Date(Date.parse(this.now) + this.recordedLagMs).toISOString(),
      storedSchemaVersion: envelope.schemaVersion,
      personalData: { status: 'none' },
    });
  }

  state<S, E extends DomainEvent>(
    decider: Pick<Decider<Command, S, E, never>, 'evolve' | 'initialState'>,
    streamId: string,
  ): S {
    return fold(decider, (this.streams.get(streamId) ?? []) as E[]);
  }

  advance(days: number): void {
    this.now = addDays(this.now, days);
  }

  // ---- the steps of a program, as the application's process managers would chain them ----

  setPolicies(): void {
    this.run(programDecider, 'program', cmd('SetNominationPolicy', { minAccountHealth: 70 }) as never, pm);
    this.run(
      programDecider,
      'program',
      cmd('SetCoverageTarget', {
        industry: 'Manufacturing',
        region: 'EMEA',
        product: 'Planner',
        advocatesNeeded: 3,
      }) as never,
      pm,
    );
  }

  registerAccount(
    accountId: string,
    name: string,
    industry: string,
    region: string,
    products: string[],
  ): void {
    this.run(
      accountDecider,
      `account-${accountId}`,
      cmd('RegisterAccount', {
        accountId,
        name,
        industry,
        segment: 'ENTERPRISE',
        region,
        products,
        ownerId: owner.userId,
      }) as never,
      pm,
    );
    this.run(
      accountDecider,
      `account-${accountId}`,
      cmd('RecordAccountHealth', { healthScore: 86, nps: 60 }) as never,
      pm,
    );
  }

  nominateAndEnrol(
    advocateId: string,
    accountId: string,
    profile: {
      name: string;
      title: string;
      seniority: string;
      products: string[];
      useCases: string[];
      languages: string[];
      topics?: string[];
    },
  ): void {
    const account = this.state(accountDecider, `account-${accountId}`);
    const facts = {
      policies: this.policies,
      account: {
        exists: true,
        archived: false,
        ownerId: account.ownerId,
        healthScore: account.health?.healthScore,
      },
    };
    const nominationId = `nom-${advocateId}`;
    this.run(
      nominationDecider,
      `nomination-${nominationId}`,
      cmd('SubmitNomination', {
        nominationId,
        accountId,
        candidateId: advocateId,
        name: profile.name,
        email: `${advocateId}@example.com`,
        title: profile.title,
        seniority: profile.seniority,
        products: profile.products,
        useCases: profile.useCases,
        languages: profile.languages,
        topics: profile.topics ?? [],
        evidenceKind: 'NPS_PROMOTER',
        evidence: 'Scored us 10.',
      }) as never,
      owner,
      facts,
    );
    this.run(
      nominationDecider,
      `nomination-${nominationId}`,
      cmd('ApproveNomination', {}) as never,
      pm,
      facts,
    );
    this.advocate(
      advocateId,
      cmd('EnrolAdvocate', {
        advocateId,
        accountId,
        nominationId,
        name: profile.name,
        email: `${advocateId}@example.com`,
        title: profile.title,
        seniority: profile.seniority,
        products: profile.products,
        useCases: profile.useCases,
        languages: profile.languages,
        topics: profile.topics ?? [],
      }),
    );
    this.advocate(advocateId, cmd('ActivateAdvocate', {}));
  }

  grantConsent(advocateId: string, consentId: string, kinds: string[], days = 365): void {
    this.advocate(
      advocateId,
      cmd('GrantConsent', {
        consentId,
        kinds,
        territories: ['EMEA'],
        channels: ['PRIVATE', 'WEB'],
        validFrom: this.now,
        validUntil: addDays(this.now, days),
        collectionMethod: 'E_SIGNATURE',
        collectedAt: this.now,
        evidenceHash: 'a'.repeat(64),
        noticeVersion: 'privacy-2026-09',
      }),
    );
  }

  advocate(advocateId: string, command: Command, actor: Actor = pm): DomainEvent[] {
    return this.run(advocateDecider, `advocate-${advocateId}`, command as never, actor, {
      policies: this.policies,
    });
  }

  request(requestId: string, command: Command, actor: Actor = pm): DomainEvent[] {
    return this.run(referenceRequestDecider, `request-${requestId}`, command as never, actor);
  }

  content(contentId: string, command: Command, actor: Actor = pm): DomainEvent[] {
    return this.run(contentAssetDecider, `content-${contentId}`, command as never, actor, {
      consentsOf: (_holder: string, holderId: string) =>
        Object.values(this.state(advocateDecider, `advocate-${holderId}`).consents),
    } as never);
  }

  submitRequest(requestId: string, requester: Actor, amount = 250000, dueInDays = 14): void {
    this.request(
      requestId,
      cmd('SubmitReferenceRequest', {
        requestId,
        department: 'SALES',
        kind: 'REFERENCE_CALL',
        advocatesNeeded: 1,
        opportunity: {
          opportunityId: `opp-${requestId}`,
          stage: 'EVALUATION',
          amount: { amount, currency: 'EUR' },
          industry: 'Manufacturing',
          region: 'EMEA',
          products: ['Planner'],
        },
        criteria: { languages: ['de'], territory: 'EMEA', channel: 'PRIVATE' },
        dueBy: addDays(this.now, dueInDays),
      }),
      requester,
    );
    this.request(requestId, cmd('TriageRequest', { priority: 'HIGH' }));
  }

  /** Shortlist → owner approval → reserve → ask → accept, through both aggregates. */
  askAndAccept(requestId: string, advocateId: string, engagementId: string, inDays = 5): void {
    this.request(
      requestId,
      cmd('ShortlistCandidates', {
        candidates: [{ advocateId, accountId: 'acme', ownerId: owner.userId, score: 90, breakdown: [] }],
      }),
    );
    this.request(requestId, cmd('RequestOwnerApproval', { advocateId }));
    this.request(requestId, cmd('ApproveAsk', { advocateId }), owner);
    this.advocate(
      advocateId,
      cmd('ReserveEngagement', {
        engagementId,
        requestId,
        kind: 'REFERENCE_CALL',
        territory: 'EMEA',
        channel: 'PRIVATE',
        activityAt: addDays(this.now, inDays),
        ownerClearance: { kind: 'OWNER', by: owner.userId },
      }),
    );
    this.request(requestId, cmd('AskAdvocate', { advocateId, engagementId }));
    this.advocate(advocateId, cmd('AcceptEngagement', { engagementId }));
    this.request(requestId, cmd('RecordAdvocateResponse', { advocateId, accepted: true }));
  }

  /** Schedule, complete, rate and record the outcome. */
  completeAndWin(requestId: string, advocateId: string, engagementId: string, won: number): void {
    const at = addDays(this.now, 5);
    this.advocate(advocateId, cmd('ScheduleEngagement', { engagementId, at }));
    this.request(requestId, cmd('ScheduleActivity', { advocateId, at }));
    this.advance(6);
    this.advocate(advocateId, cmd('CompleteEngagement', { engagementId, completedAt: at }));
    this.request(requestId, cmd('CompleteActivity', { advocateId, completedAt: at }));
    this.request(requestId, cmd('RecordRequestFeedback', { advocateId, rating: 5 }), rep);
    this.advocate(advocateId, cmd('RecordEngagementFeedback', { engagementId, rating: 5 }), rep);
    this.request(
      requestId,
      cmd('RecordOutcome', { result: 'WON', amount: { amount: won, currency: 'EUR' } }),
      rep,
    );
  }
}

/** The standard story: Acme with Ines (active, consented, used once, won) and Bob (no consent). */
export function standardStory(): StoryWorld {
  const world = new StoryWorld();
  world.setPolicies();
  world.registerAccount('acme', 'Acme GmbH', 'Manufacturing', 'EMEA', ['Planner']);
  world.registerAccount('globex', 'Globex Corp', 'Retail', 'NA', ['Tracker']);
  world.nominateAndEnrol('ines', 'acme', {
    name: 'Ines Weber',
    title: 'Head of Operations',
    seniority: 'DIRECTOR',
    products: ['Planner'],
    useCases: ['shop-floor planning'],
    languages: ['de', 'en'],
    topics: ['lean manufacturing'],
  });
  world.nominateAndEnrol('bob', 'globex', {
    name: 'Bob Stone',
    title: 'Chief Information Officer',
    seniority: 'C_LEVEL',
    products: ['Tracker'],
    useCases: ['inventory'],
    languages: ['en'],
  });
  world.grantConsent('ines', 'consent-1', ['REFERENCE_CALL', 'CASE_STUDY']);
  world.submitRequest('req-1', rep);
  world.askAndAccept('req-1', 'ines', 'eng-1');
  world.completeAndWin('req-1', 'ines', 'eng-1', 240000);
  world.submitRequest('req-2', otherRep, 100000, 3);
  return world;
}

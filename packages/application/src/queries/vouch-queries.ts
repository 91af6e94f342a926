import {
  ACTIVITY_KINDS,
  CHANNELS,
  DomainError,
  DomainErrorCode,
  accountActorsAt,
  validated,
  type Candidate,
  type ActivityKind,
  type Instant,
  type ReferenceRequestState,
  type UsageScope,
} from '@vouch/domain';
import type { Checkpoint, Clock, EventStore } from '@vouch/event-store';
import {
  stateAsOf,
  type AdvocateAvailability,
  type AdvocateSearchQuery,
  type AdvocateView,
  type AuditEntry,
  type AuditSubjectKind,
  type CandidateMatches,
  type Connection,
  type PageRequest,
  type ProgramMetrics,
  type RequestFilter,
  type RequestSummary,
  type StateAsOf,
  type TenantProjections,
  type TenantReadModels,
} from '@vouch/projections';
import { allowsAnySubject, permits } from '../authorization/ability';
import { authorize } from '../authorization/authorize';
import { accountFacts, requestFacts } from '../authorization/load-relationship-facts';
import type { QueryName } from '../authorization/permissions';
import { AggregateReader } from '../commands/aggregate-reader';
import { readWholeStream } from '../commands/read-whole-stream';
import { PROGRAM_ID, streamIdOf } from '../commands/stream-ids';
import { actorOf, type Principal } from '../principal';

/** The kinds of subject whose history an auditor can replay. */
export const AUDIT_SUBJECT_KINDS = [
  'advocate',
  'account',
  'request',
  'content',
  'consent',
  'nomination',
  'program',
] as const;

const STREAM_OF: Record<Exclude<AuditSubjectKind, 'consent'>, (id: string) => string> = {
  advocate: (id) => streamIdOf('Advocate', id),
  account: (id) => streamIdOf('Account', id),
  request: (id) => streamIdOf('ReferenceRequest', id),
  content: (id) => streamIdOf('ContentAsset', id),
  nomination: (id) => streamIdOf('Nomination', id),
  program: () => PROGRAM_ID,
};

/** Roles that see every advocate in full and may search titles. */
function seesEverything(principal: Principal): boolean {
  return ['PROGRAM_MANAGER', 'AUDITOR', 'ADMIN'].some((role) => principal.roles.includes(role as never));
}

/**
 * Whether the principal may see a request: the record's readers; its requester; and whoever
 * acts now for the account of a candidate whose ask waits for approval.
 */
function seesRequest(
  principal: Principal,
  query: QueryName,
  request: ReferenceRequestState,
  models: TenantReadModels,
  now: Instant,
): boolean {
  const actor = actorOf(principal);
  if (allowsAnySubject(actor, query)) return true;
  const approversOf = (candidate: Candidate) => {
    const account = models.account(candidate.accountId);
    return account ? accountActorsAt(account, now) : [candidate.ownerId];
  };
  return permits(actor, query, requestFacts(request, undefined, approversOf));
}

function readPage(page: PageRequest | undefined): PageRequest {
  return validated((v) => ({
    first: page?.first === undefined ? 20 : v.integer('first', page.first, { min: 1, max: 100 }),
    ...(page?.after !== undefined ? { after: v.text('after', page.after, { max: 500 }) } : {}),
  }));
}

/**
 * Every query of the facade: checked against the permission table, answered from the read
 * models once they have caught up with this process's own writes (read your writes), with
 * advocates anonymised for whoever may not see them in full.
 */
export class VouchQueries {
  private readonly written = new Map<string, Checkpoint>();
  private readonly reader: AggregateReader;

  constructor(
    private readonly store: EventStore,
    private readonly projections: TenantProjections<TenantReadModels>,
    private readonly clock: Clock,
  ) {
    this.reader = new AggregateReader(store);
  }

  /** The program's policies, coverage targets and sales wishlist, read from its stream. */
  async program(principal: Principal) {
    authorize(actorOf(principal), 'program');
    return this.reader.program(principal.tenantId);
  }

  /** One account (profile, owner, health, company consents), read from its stream; none for an owner of other accounts. */
  async account(principal: Principal, accountId: string) {
    const actor = actorOf(principal);
    authorize(actor, 'account');
    const account = await this.reader.account(
      principal.tenantId,
      validated((v) => v.id('accountId', accountId)),
    );
    if (account.status === 'NONE') return undefined;
    if (
      !allowsAnySubject(actor, 'account') &&
      !permits(actor, 'account', accountFacts(account, this.clock()))
    )
      return undefined;
    return account;
  }

  /** Remembers the latest checkpoint this process wrote for a tenant. */
  noteWritten(tenantId: string, checkpoint: Checkpoint | undefined): void {
    const seen = this.written.get(tenantId);
    if (checkpoint !== undefined && (seen === undefined || checkpoint > seen))
      this.written.set(tenantId, checkpoint);
  }

  private async models(principal: Principal, query: QueryName): Promise<TenantReadModels> {
    authorize(actorOf(principal), query);
    const runner = await this.projections.runner(principal.tenantId);
    const written = this.written.get(principal.tenantId);
    if (written !== undefined) await runner.waitFor(written);
    return runner.projection;
  }

  private at(at: Instant | undefined): Instant {
    return at === undefined ? this.clock() : validated((v) => v.instant('at', at));
  }

  /** One advocate, in full or anonymised as the principal may see them. */
  async advocate(principal: Principal, advocateId: string): Promise<AdvocateView | undefined> {
    const models = await this.models(principal, 'advocate');
    return models.advocate(actorOf(principal), advocateId, this.clock());
  }

  /** Advocates matching filters and text, a Relay page at a time. */
  async searchAdvocates(
    principal: Principal,
    query: AdvocateSearchQuery,
    page?: PageRequest,
  ): Promise<Connection<AdvocateView>> {
    const models = await this.models(principal, 'searchAdvocates');
    const now = this.clock();
    const ids = models.searchAdvocates(query, { includeTitles: seesEverything(principal) }, readPage(page));
    const actor = actorOf(principal);
    return {
      ...ids,
      edges: ids.edges.flatMap((edge) => {
        const node = models.advocate(actor, edge.node, now);
        return node ? [{ cursor: edge.cursor, node }] : [];
      }),
    };
  }

  /** Whether an advocate can be asked for a kind at a date, and why not. */
  async availability(
    principal: Principal,
    input: {
      advocateId: string;
      kind: ActivityKind;
      at?: Instant;
      territory?: string;
      channel?: UsageScope['channel'];
    },
  ): Promise<AdvocateAvailability> {
    const models = await this.models(principal, 'availability');
    const { kind, scope } = validated((v) => ({
      kind: v.oneOf('kind', input.kind, ACTIVITY_KINDS),
      scope:
        input.territory !== undefined && input.channel !== undefined
          ? {
              territory: v.text('territory', input.territory, { max: 80 }).toUpperCase(),
              channel: v.oneOf('channel', input.channel, CHANNELS),
            }
          : undefined,
    }));
    return models.availability(input.advocateId, kind, this.at(input.at), scope);
  }

  /** Ranked candidates for a request with the score breakdown, and the unavailable ones with reasons. */
  async matchCandidates(
    principal: Principal,
    requestId: string,
    at?: Instant,
    limit = 20,
  ): Promise<CandidateMatches> {
    const models = await this.models(principal, 'matchCandidates');
    const request = models.request(requestId, this.clock());
    if (!request || !seesRequest(principal, 'matchCandidates', request.request, models, this.clock())) {
      throw new DomainError(DomainErrorCode.NOT_FOUND, `Reference request ${requestId} does not exist.`, {
        requestId,
      });
    }
    const size = validated((v) => v.integer('limit', limit, { min: 1, max: 100 }));
    return models.matchRequest(requestId, this.at(at), size) ?? { available: [], unavailable: [] };
  }

  async request(principal: Principal, requestId: string): Promise<RequestSummary | undefined> {
    const models = await this.models(principal, 'request');
    const request = models.request(requestId, this.clock());
    if (request && !seesRequest(principal, 'request', request.request, models, this.clock()))
      return undefined;
    return request;
  }

  /** Requests by requester, status and due date; a requester sees their own, an owner also those asking for their customers. */
  async requests(
    principal: Principal,
    filter: RequestFilter = {},
    page?: PageRequest,
  ): Promise<Connection<RequestSummary>> {
    const models = await this.models(principal, 'requests');
    const now = this.clock();
    const visible = allowsAnySubject(actorOf(principal), 'requests')
      ? undefined
      : (request: ReferenceRequestState) => seesRequest(principal, 'requests', request, models, now);
    return models.listRequests(filter, this.clock(), readPage(page), visible);
  }

  /** Who did what, when and why, for one subject, in plain words. */
  async auditTrail(principal: Principal, kind: AuditSubjectKind, id: string): Promise<readonly AuditEntry[]> {
    const models = await this.models(principal, 'auditTrail');
    const subject = validated((v) => v.oneOf('kind', kind, AUDIT_SUBJECT_KINDS));
    return models.auditHistory(subject, id);
  }

  /** A subject's state as recorded by `at` and as true in the world at `at`, replayed from its stream; `undefined` when it has no history. */
  async subjectAsOf(
    principal: Principal,
    kind: Exclude<AuditSubjectKind, 'consent'>,
    id: string,
    at: Instant,
  ): Promise<StateAsOf | undefined> {
    authorize(actorOf(principal), 'subjectAsOf');
    const subject = validated((v) =>
      v.oneOf(
        'kind',
        kind,
        AUDIT_SUBJECT_KINDS.filter((k) => k !== 'consent'),
      ),
    );
    const events = await readWholeStream(
      this.store,
      principal.tenantId,
      STREAM_OF[subject as keyof typeof STREAM_OF](id),
    );
    // A subject without history has no state at any time.
    if (events.length === 0) return undefined;
    return stateAsOf(
      events,
      validated((v) => v.instant('at', at)),
    );
  }

  /** Recomputes every hash chain of the tenant and its digest. */
  async verifyIntegrity(principal: Principal) {
    authorize(actorOf(principal), 'verifyIntegrity');
    const [report, digest] = await Promise.all([
      this.store.verifyTenant(principal.tenantId),
      this.store.digest(principal.tenantId),
    ]);
    return { report, digest };
  }

  async programMetrics(principal: Principal, at?: Instant): Promise<ProgramMetrics> {
    const models = await this.models(principal, 'programMetrics');
    return models.metrics(this.at(at));
  }

  /** One nomination; none for an owner of other accounts. */
  async nomination(principal: Principal, nominationId: string) {
    const models = await this.models(principal, 'nomination');
    const nomination = models.nomination(nominationId);
    const actor = actorOf(principal);
    if (!nomination || allowsAnySubject(actor, 'nomination')) return nomination;
    const account = nomination.accountId !== undefined ? models.account(nomination.accountId) : undefined;
    return permits(actor, 'nomination', accountFacts(account, this.clock())) ? nomination : undefined;
  }

  async content(principal: Principal, contentId: string) {
    return (await this.models(principal, 'content')).content(contentId);
  }
}

import {
  ACTIVITY_KINDS,
  CHANNELS,
  DomainError,
  DomainErrorCode,
  accountActorsAt,
  effectiveStatus,
  preApprovalsCovering,
  validated,
  type Candidate,
  type ActivityKind,
  type Instant,
  type ReferenceRequestState,
  type UsageScope,
} from '@vouch/domain';
import { callInvitation, type CallInvitation } from './call-invitation';
import type {
  Checkpoint,
  Clock,
  EventStore,
  SignedDigest,
  TenantDigest,
  VerificationReport,
} from '@vouch/event-store';
import { START } from '@vouch/event-store';
import {
  auditEntryOf,
  connectionOfList,
  readModelsAsOf,
  type AdvocateAvailability,
  type AdvocateSearchQuery,
  type AdvocateView,
  type AuditEntry,
  type AuditSubjectKind,
  type RequestMatches,
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
import { readStateAsOf } from './read-state-as-of';
import { PROGRAM_ID, streamIdOf } from '../commands/stream-ids';
import type { DigestKeeper } from '../integrity/digest-keeper';
import { SLICE_CHECK_EVERY, timeSlices } from '../integrity/time-slices';
import type { IntegrityVerificationJob, IntegrityVerifications } from '../integrity/integrity-verifications';
import { actorOf, type Principal } from '../principal';
import { recordedBy } from './recorded-by';
import { ProgramIntelligenceQueries } from './program-intelligence-queries';

/** Which part of the tenant-wide trail: recorded in [from, to), of one subject. */
export interface TenantTrailFilter {
  readonly from?: Instant;
  readonly to?: Instant;
  readonly subject?: { readonly kind: AuditSubjectKind; readonly id: string };
}

/** A page of entries read one past its size: the extra one only tells that a next page exists. */
function connectionOf(entries: readonly AuditEntry[], first: number, after?: string): Connection<AuditEntry> {
  const page = entries.slice(0, first);
  const start = page.at(0);
  const last = page.at(-1);
  return {
    edges: page.map((node) => ({ cursor: node.checkpoint, node })),
    pageInfo: {
      hasNextPage: entries.length > first,
      // Read forward only: a cursor means entries came before it.
      hasPreviousPage: after !== undefined,
      ...(start ? { startCursor: start.checkpoint } : {}),
      ...(last ? { endCursor: last.checkpoint } : {}),
    },
  };
}

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

/** A Relay page request checked: `first` or `last` (not both) 1..100, cursors of bounded length. */
function readPage(page: PageRequest | undefined): PageRequest {
  return validated((v) => {
    if (page?.first !== undefined && page.last !== undefined) v.fail('last', 'cannot be given with "first"');
    const size = (field: 'first' | 'last') =>
      page?.[field] === undefined ? {} : { [field]: v.integer(field, page[field], { min: 1, max: 100 }) };
    const cursor = (field: 'after' | 'before') =>
      page?.[field] === undefined ? {} : { [field]: v.text(field, page[field], { max: 500 }) };
    return {
      ...size('first'),
      ...size('last'),
      ...(page?.first === undefined && page?.last === undefined ? { first: 20 } : {}),
      ...cursor('after'),
      ...cursor('before'),
    };
  });
}

/**
 * Every query of the facade: checked against the permission table, answered from the read
 * models once they have caught up with this process's own writes (read your writes), with
 * advocates anonymised for whoever may not see them in full.
 */
export class VouchQueries {
  private readonly written = new Map<string, Checkpoint>();
  private readonly integrityRuns = new Map<
    string,
    Promise<{ report: VerificationReport; digest: TenantDigest }>
  >();
  private readonly reader: AggregateReader;
  /** Assessment, launch plans, content usage, the executive digest and the nominator leaderboard. */
  readonly intelligence: ProgramIntelligenceQueries;

  constructor(
    private readonly store: EventStore,
    private readonly projections: TenantProjections<TenantReadModels>,
    private readonly clock: Clock,
    private readonly digests?: DigestKeeper,
    private readonly verifications?: IntegrityVerifications,
  ) {
    this.reader = new AggregateReader(store);
    this.intelligence = new ProgramIntelligenceQueries((p, q) => this.models(p, q), clock);
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

  /**
   * The read models for a query at `at`: the live ones for now or later when nothing in
   * them was recorded after `at`, otherwise a replay of the log as recorded by then.
   */
  private async modelsAt(principal: Principal, query: QueryName, at: Instant | undefined) {
    const live = await this.models(principal, query);
    if (at === undefined) return live;
    const instant = this.at(at);
    if (
      Date.parse(instant) >= Date.parse(this.clock()) &&
      (await recordedBy(this.store, principal.tenantId, live.checkpoint, instant))
    ) {
      return live;
    }
    return (await readModelsAsOf(this.store, principal.tenantId, instant, timeSlices())).models;
  }

  private at(at: Instant | undefined): Instant {
    return at === undefined ? this.clock() : validated((v) => v.instant('at', at));
  }

  /** One advocate, in full or anonymised as the principal may see them. */
  async advocate(principal: Principal, advocateId: string): Promise<AdvocateView | undefined> {
    const models = await this.models(principal, 'advocate');
    return models.advocate(actorOf(principal), advocateId, this.clock());
  }

  /** The advocates the owners pre-approved for self-serve for a kind now, by id, a Relay page at a time. */
  async selfServePool(
    principal: Principal,
    kind: ActivityKind,
    page?: PageRequest,
  ): Promise<Connection<AdvocateView>> {
    const checkedKind = validated((v) => v.oneOf('kind', kind, ACTIVITY_KINDS));
    const models = await this.models(principal, 'selfServePool');
    const now = this.clock();
    const ids = [...models.directory.advocates.values()]
      .filter((a) => effectiveStatus(a, now) === 'ACTIVE')
      .filter((a) => preApprovalsCovering(a.selfServePool, checkedKind, [now]).length > 0)
      .map((a) => a.advocateId)
      .sort();
    const actor = actorOf(principal);
    const found = connectionOfList(ids, (id) => id, readPage(page));
    return {
      ...found,
      edges: found.edges.flatMap((edge) => {
        const node = models.advocate(actor, edge.node, now);
        return node ? [{ cursor: edge.cursor, node }] : [];
      }),
    };
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
    // A plain loop: every search request runs it for each advocate of the page.
    const edges: { cursor: string; node: AdvocateView }[] = [];
    for (const edge of ids.edges) {
      const node = models.advocate(actor, edge.node, now);
      if (node) edges.push({ cursor: edge.cursor, node });
    }
    return { ...ids, edges };
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
    const models = await this.modelsAt(principal, 'availability', input.at);
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
  ): Promise<RequestMatches> {
    const models = await this.models(principal, 'matchCandidates');
    const request = models.request(requestId, this.clock());
    if (!request || !seesRequest(principal, 'matchCandidates', request.request, models, this.clock())) {
      throw new DomainError(DomainErrorCode.NOT_FOUND, `Reference request ${requestId} does not exist.`, {
        requestId,
      });
    }
    const size = validated((v) => v.integer('limit', limit, { min: 1, max: 100 }));
    return (
      models.matchRequest(requestId, this.at(at), size) ?? {
        available: [],
        unavailable: [],
        alreadyCandidates: [],
      }
    );
  }

  async request(principal: Principal, requestId: string): Promise<RequestSummary | undefined> {
    const models = await this.models(principal, 'request');
    const request = models.request(requestId, this.clock());
    if (request && !seesRequest(principal, 'request', request.request, models, this.clock()))
      return undefined;
    return request;
  }

  /**
   * The iCalendar invitation to a candidate's picked call; undefined while no time is picked.
   * A request the caller may not see does not exist for them (NOT_FOUND, as `matchCandidates`).
   */
  async callInvitation(
    principal: Principal,
    requestId: string,
    advocateId: string,
  ): Promise<CallInvitation | undefined> {
    const models = await this.models(principal, 'callInvitation');
    const now = this.clock();
    const request = models.request(requestId, now);
    if (!request || !seesRequest(principal, 'callInvitation', request.request, models, now)) {
      throw new DomainError(DomainErrorCode.NOT_FOUND, `Reference request ${requestId} does not exist.`, {
        requestId,
      });
    }
    return callInvitation(request.request, advocateId, models.advocate(actorOf(principal), advocateId, now));
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
    return readStateAsOf(
      this.store,
      principal.tenantId,
      STREAM_OF[subject as keyof typeof STREAM_OF](id),
      validated((v) => v.instant('at', at)),
    );
  }

  /**
   * Recomputes every hash chain of the tenant and its digest, in slices that yield to the
   * event loop; concurrent calls of one tenant share one run.
   */
  async verifyIntegrity(principal: Principal) {
    authorize(actorOf(principal), 'verifyIntegrity');
    const tenantId = principal.tenantId;
    let running = this.integrityRuns.get(tenantId);
    if (!running) {
      running = Promise.all([
        this.store.verifyTenant(tenantId, { progressEvery: SLICE_CHECK_EVERY, onProgress: timeSlices() }),
        this.store.digest(tenantId),
      ]).then(([report, digest]) => ({ report, digest }));
      this.integrityRuns.set(tenantId, running);
      const forget = () => this.integrityRuns.delete(tenantId);
      running.then(forget, forget);
    }
    return running;
  }

  /**
   * The whole tenant's trail in log order, a page at a time, optionally only what was
   * recorded in [from, to) and only one subject's entries.
   */
  async tenantAuditTrail(
    principal: Principal,
    filter: TenantTrailFilter = {},
    page?: PageRequest,
  ): Promise<Connection<AuditEntry>> {
    authorize(actorOf(principal), 'tenantAuditTrail');
    // The trail streams the log forward: there is no reading it from the end.
    if (page?.last !== undefined || page?.before !== undefined) {
      throw new DomainError(DomainErrorCode.VALIDATION_FAILED, "The tenant's trail reads forward only.", {
        issues: [
          {
            field: page.last !== undefined ? 'last' : 'before',
            message: 'reads forward only (first, after)',
          },
        ],
      });
    }
    const request = readPage(page);
    const first = request.first ?? 20;
    const after = request.after;
    const { from, to } = validated((v) => ({
      ...(filter.from !== undefined ? { from: v.instant('from', filter.from) } : {}),
      ...(filter.to !== undefined ? { to: v.instant('to', filter.to) } : {}),
    }));
    const cursor = after !== undefined ? validated((v) => v.text('after', after, { max: 32 })) : undefined;
    if (cursor !== undefined && !/^\d{16}$/.test(cursor)) {
      throw new DomainError(DomainErrorCode.VALIDATION_FAILED, 'after is not a cursor of this trail.', {
        field: 'after',
      });
    }
    const inWindow = (entry: AuditEntry) =>
      (from === undefined || entry.recordedAt >= from) && (to === undefined || entry.recordedAt < to);
    if (filter.subject) {
      const models = await this.models(principal, 'tenantAuditTrail');
      const kind = validated((v) => v.oneOf('kind', filter.subject!.kind, AUDIT_SUBJECT_KINDS));
      const all = models.auditHistory(kind, filter.subject.id).filter(inWindow);
      const start = cursor === undefined ? 0 : all.findIndex((entry) => entry.checkpoint > cursor);
      const slice = start < 0 ? [] : all.slice(start, start + first + 1);
      return connectionOf(slice, first, cursor);
    }
    const found: AuditEntry[] = [];
    let position = (cursor ?? START) as Checkpoint;
    // Reads the log after the cursor until the page is full (one more tells there is a next page).
    for (;;) {
      const batch = await this.store.readAll(principal.tenantId, { after: position, limit: 500 });
      for (const event of batch) {
        const entry = auditEntryOf(event);
        if (inWindow(entry)) found.push(entry);
        if (found.length > first) break;
      }
      if (batch.length < 500 || found.length > first) break;
      position = batch[batch.length - 1]!.checkpoint;
    }
    return connectionOf(found, first, cursor);
  }

  /** The tenant's latest signed digest with the public key that checks it; undefined before the first. */
  async signedDigest(principal: Principal): Promise<{ digest: SignedDigest; publicKey: string } | undefined> {
    authorize(actorOf(principal), 'signedDigest');
    const digest = await this.digests?.latest(principal.tenantId);
    return digest && this.digests ? { digest, publicKey: this.digests.publicKeyPem } : undefined;
  }

  /** A verification job of the caller's tenant, by id; undefined for an unknown (or another tenant's) job. */
  async integrityVerification(
    principal: Principal,
    id: string,
  ): Promise<IntegrityVerificationJob | undefined> {
    authorize(actorOf(principal), 'integrityVerification');
    return this.verifications?.find(principal.tenantId, id);
  }

  /**
   * The program's metrics at `at` (default now). For an instant in the past they are
   * computed from the log as recorded by then, replayed: nothing recorded later (a request
   * submitted today) is counted.
   */
  async programMetrics(principal: Principal, at?: Instant): Promise<ProgramMetrics> {
    const models = await this.modelsAt(principal, 'programMetrics', at);
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

  /** How far the tenant's read models have applied the log (started if they were not): for lag metrics. */
  async readModelCheckpoint(tenantId: string): Promise<Checkpoint> {
    return (await this.projections.runner(tenantId)).checkpoint;
  }
}

import {
  contentAssetDecider,
  eventDefinition,
  nominationDecider,
  type AccountState,
  type Actor,
  type ActivityKind,
  type ContentAssetState,
  type Instant,
  type NominationState,
  type ReferenceRequestState,
  type UsageScope,
} from '@vouch/domain';
import type { AppendOnlyEntries, Checkpoint, RecordedEvent } from '@vouch/event-store';
import { AdvocateDirectory, type AdvocateDirectorySnapshot } from './advocate-directory';
import { advocateAvailability, type AdvocateAvailability } from './advocate-availability';
import { searchAdvocates, type AdvocateSearchOptions, type AdvocateSearchQuery } from './advocate-search';
import { AdvocateSearchIndex } from './advocate-search-index';
import { AdvocateViewCache } from './advocate-view-cache';
import { MatchOrderCache } from './match-order';
import type { AdvocateView } from './advocate-views';
import { AggregateStates } from './aggregate-states';
import {
  AuditHistory,
  type AuditEntry,
  type AuditHistorySnapshot,
  type AuditSubjectKind,
} from './audit-history';
import {
  matchCandidates,
  matchTargetOf,
  type CandidateMatches,
  type MatchTarget,
} from './candidate-matching';
import type { Connection, PageRequest } from './connection';
import { programMetrics, type ProgramMetrics, type ProgramMetricsOptions } from './program-metrics';
import { ProgramHistory, type ProgramHistorySnapshot } from './intelligence/program-history';
import type { Projection } from './projection';
import { RequestBoard, type RequestFilter, type RequestRecord, type RequestSummary } from './request-board';
import type { RequestMatches } from './request-matches';
import {
  openContacts,
  sealContacts,
  type SealedContactCache,
  type SealedDirectorySnapshot,
} from './sealed-contacts';
import { assertSavedSnapshotShape } from './saved-snapshot-shape';
import type { SnapshotKeys } from './snapshot-keys';

/** The snapshot of every read model of a tenant: base facts only; indexes are rebuilt on restore. */
export interface TenantReadModelsSnapshot {
  readonly checkpoint?: Checkpoint;
  readonly directory: AdvocateDirectorySnapshot;
  readonly requests: [string, RequestRecord][];
  readonly nominations: [string, NominationState][];
  readonly contents: [string, ContentAssetState][];
  readonly audit: AuditHistorySnapshot;
  readonly history: ProgramHistorySnapshot;
}

/** The snapshot as it is saved: contacts sealed under their advocates' keys. */
export interface SealedTenantReadModelsSnapshot extends Omit<TenantReadModelsSnapshot, 'directory'> {
  readonly directory: SealedDirectorySnapshot;
}

// Advocate events that change what the search index holds (profile, status, consents).
const REINDEXING_ADVOCATE_EVENTS = new Set([
  'AdvocateEnrolled',
  'AdvocateActivated',
  'AdvocateContactUpdated',
  'AdvocateAttributesUpdated',
  'AdvocateRested',
  'AdvocateReactivated',
  'AdvocateRetired',
  'AdvocateMarkedDoNotContact',
  'ConsentGranted',
  'ConsentWithdrawn',
  'ErasureDeferred',
  'AdvocateErased',
]);
const REINDEXING_ACCOUNT_EVENTS = new Set(['AccountRegistered', 'AccountProfileUpdated']);

/**
 * Every read model of one tenant, kept in memory and folded event by event: the advocate
 * directory and its search index, requests, nominations, content assets and audit
 * histories, with the queries of availability, search, matching and metrics on top.
 * `apply` is idempotent: an event at or before the model's checkpoint is skipped.
 */
export class TenantReadModels implements Projection<TenantReadModelsSnapshot> {
  static readonly NAME = 'read-models';
  // 2: audit entries once, compact, with per-subject indexes. 3: contacts sealed, so a
  // store with a plaintext snapshot builds a new version and drops the old one.
  // 4: the program's history for intelligence (assessment, launch plans, digest).
  // 5: audit entries out of the snapshot, in the store's append-only entries.
  static readonly SCHEMA_VERSION = 5;
  readonly name = TenantReadModels.NAME;
  readonly schemaVersion = TenantReadModels.SCHEMA_VERSION;

  readonly directory = new AdvocateDirectory();
  private readonly index = new AdvocateSearchIndex(this.directory);
  // Advocates whose index entries wait for the next read or the end of a catch-up: a rebuild
  // indexes each advocate once from its final state instead of once per event (the entries
  // depend only on the current state, so the answers are the same).
  private readonly unindexed = new Set<string>();
  private readonly views = new AdvocateViewCache(this.directory);
  // Any event folded makes the kept match orders stale.
  private readonly matchOrders = new MatchOrderCache(() => this.last);
  readonly requests = new RequestBoard();
  readonly nominations = new AggregateStates<NominationState, never>(nominationDecider, 'nominationId');
  readonly contents = new AggregateStates<ContentAssetState, never>(contentAssetDecider, 'contentId');
  readonly audit = new AuditHistory();
  /** Every fact stamped with its time, for answers as of any instant (program intelligence). */
  readonly history = new ProgramHistory();
  private last: Checkpoint | undefined;
  private readonly sealedContacts: SealedContactCache = new WeakMap();

  /** The checkpoint of the last event applied. */
  get checkpoint(): Checkpoint | undefined {
    return this.last;
  }

  /** The search index, brought up to date with every event folded so far. */
  get searchIndex(): AdvocateSearchIndex {
    if (this.unindexed.size > 0) this.indexPending();
    return this.index;
  }

  /** Folds one event into every read model it concerns; skips events already applied. */
  apply(event: RecordedEvent): void {
    if (this.last !== undefined && event.checkpoint <= this.last) return;
    switch (eventDefinition(event.type)?.aggregate) {
      case 'Advocate': {
        const id = this.directory.applyAdvocate(event);
        if (event.type === 'AdvocateErased') {
          // An erased advocate's title words leave memory with the event, not at the next read.
          this.index.reindexAdvocate(id);
          this.unindexed.delete(id);
        } else if (REINDEXING_ADVOCATE_EVENTS.has(event.type)) this.unindexed.add(id);
        break;
      }
      case 'Account': {
        const id = this.directory.applyAccount(event);
        if (REINDEXING_ACCOUNT_EVENTS.has(event.type)) {
          for (const advocateId of this.directory.advocatesByAccount.get(id) ?? [])
            this.unindexed.add(advocateId);
        }
        break;
      }
      case 'Program':
        this.directory.applyProgram(event);
        break;
      case 'ReferenceRequest':
        this.requests.apply(event);
        this.directory.applyRequest(event);
        break;
      case 'Nomination':
        this.nominations.apply(event);
        break;
      case 'ContentAsset':
        this.contents.apply(event);
        break;
    }
    this.audit.apply(event);
    this.history.apply(event);
    this.last = event.checkpoint;
  }

  /**
   * The end of a catch-up: the advocates changed during it are indexed now, each once, and
   * the lists the fold grew are made exact-size (the same facts in less memory).
   */
  caughtUp(): void {
    this.indexPending();
    this.history.trim();
    this.audit.trim();
  }

  private indexPending(): void {
    for (const id of this.unindexed) this.index.reindexAdvocate(id);
    this.unindexed.clear();
  }

  /**
   * An erasure replaces the saved snapshot at once: even the erased contact's ciphertext
   * does not wait for the next save on disk.
   */
  saveAfter(event: RecordedEvent): boolean {
    return event.type === 'AdvocateErased';
  }

  snapshot(): TenantReadModelsSnapshot {
    return {
      ...(this.last !== undefined ? { checkpoint: this.last } : {}),
      directory: this.directory.snapshot(),
      requests: this.requests.snapshot(),
      nominations: this.nominations.snapshot(),
      contents: this.contents.snapshot(),
      audit: this.audit.snapshot(),
      history: this.history.snapshot(),
    };
  }

  /** Contacts leave for the read-model store only sealed under their advocates' keys (invariant 10). */
  async sealSnapshot(
    snapshot: TenantReadModelsSnapshot,
    keys: SnapshotKeys,
  ): Promise<SealedTenantReadModelsSnapshot> {
    return { ...snapshot, directory: await sealContacts(snapshot.directory, keys, this.sealedContacts) };
  }

  /** The saved snapshot opened: an erased advocate's contact stays sealed for good and is left out. */
  async openSnapshot(saved: unknown, keys: SnapshotKeys): Promise<TenantReadModelsSnapshot> {
    // Before anything is opened: a layout this code does not write is rebuilt, not restored.
    assertSavedSnapshotShape(saved);
    const sealed = saved as SealedTenantReadModelsSnapshot;
    return { ...sealed, directory: await openContacts(sealed.directory, keys, this.sealedContacts) };
  }

  /** The audit history's entries: saved beside the snapshot, only those appended since the last save. */
  appendOnlyEntries(): AppendOnlyEntries {
    return this.audit.appendOnlyEntries();
  }

  /** After `restore`: the audit history's saved entries. */
  restoreEntries(entries: readonly unknown[]): void {
    this.audit.restoreEntries(entries);
  }

  restore(snapshot: TenantReadModelsSnapshot): void {
    this.last = snapshot.checkpoint;
    this.directory.restore(snapshot.directory);
    this.requests.restore(snapshot.requests);
    this.nominations.restore(snapshot.nominations);
    this.contents.restore(snapshot.contents);
    this.audit.restore(snapshot.audit);
    this.history.restore(snapshot.history);
    this.unindexed.clear();
    this.index.rebuild();
  }

  // ---- queries ----

  /** The view of an advocate a viewer is entitled to (full or anonymised). */
  advocate(viewer: Actor, advocateId: string, now: Instant): AdvocateView | undefined {
    return this.views.viewFor(viewer, advocateId, now);
  }

  /** The full view (contact included), for callers that have checked the viewer's rights. */
  fullAdvocate(advocateId: string, now: Instant) {
    return this.views.full(advocateId, now);
  }

  /** The anonymised view: company, title level and attributes, never contact or title. */
  anonymisedAdvocate(advocateId: string, now: Instant) {
    return this.views.anonymised(advocateId, now);
  }

  /** Whether the advocate accepted a request of this requester (who may then see them in full). */
  hasAccepted(advocateId: string, requesterId: string): boolean {
    return this.directory.hasAccepted(advocateId, requesterId);
  }

  /** Whether an advocate can be asked for `kind` at `at`, and every reason if not. */
  availability(
    advocateId: string,
    kind: ActivityKind,
    at: Instant,
    scope?: UsageScope,
  ): AdvocateAvailability {
    return advocateAvailability(this.directory, advocateId, kind, at, scope);
  }

  /** Advocate ids matching a query, one Relay page at a time, in advocate-id order. */
  searchAdvocates(
    query: AdvocateSearchQuery,
    options: AdvocateSearchOptions,
    page?: PageRequest,
  ): Connection<string> {
    return searchAdvocates(this.directory, this.searchIndex, query, options, page);
  }

  /** Ranked available candidates for a request and the unavailable ones with reasons; its current candidates are left out, and named. */
  matchRequest(requestId: string, at: Instant, limit?: number): RequestMatches | undefined {
    const target = matchTargetOf(this.requests, requestId);
    if (!target) return undefined;
    const matches = matchCandidates(this.directory, this.searchIndex, target, at, limit, this.matchOrders);
    return { ...matches, alreadyCandidates: target.exclude ?? [] };
  }

  /** Ranked candidates for criteria not (yet) recorded as a request. */
  matchCriteria(target: MatchTarget, at: Instant, limit?: number): CandidateMatches {
    return matchCandidates(this.directory, this.searchIndex, target, at, limit, this.matchOrders);
  }

  /** One request with its SLA at `now` under the program's policy. */
  request(requestId: string, now: Instant): RequestSummary | undefined {
    return this.requests.summary(requestId, this.directory.program.policies.sla, now);
  }

  /** Requests by requester, status and due date, ordered by due date; only those `visible` to the caller. */
  listRequests(
    filter: RequestFilter,
    now: Instant,
    page?: PageRequest,
    visible?: (request: ReferenceRequestState) => boolean,
  ): Connection<RequestSummary> {
    return this.requests.list(filter, this.directory.program.policies.sla, now, page, visible);
  }

  /** An account's current state (owner and delegations included), if registered. */
  account(accountId: string): AccountState | undefined {
    return this.directory.accountOf({ accountId });
  }

  /** The audit history of a subject, oldest first. */
  auditHistory(kind: AuditSubjectKind, id: string): readonly AuditEntry[] {
    return this.audit.history(kind, id);
  }

  /** The program's metrics at `at`. */
  metrics(at: Instant, options?: ProgramMetricsOptions): ProgramMetrics {
    return programMetrics(this.directory, this.requests, this.nominations, at, options);
  }

  /** A nomination's current state. */
  nomination(nominationId: string): NominationState | undefined {
    return this.nominations.get(nominationId);
  }

  /** A content asset's current state. */
  content(contentId: string): ContentAssetState | undefined {
    return this.contents.get(contentId);
  }
}

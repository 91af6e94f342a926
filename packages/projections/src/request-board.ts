import {
  evolveReferenceRequest,
  initialReferenceRequestState,
  requestSla,
  type Instant,
  type Money,
  type ReferenceRequestEvent,
  type ReferenceRequestState,
  type RequestSla,
  type RequestSlaPolicy,
  type RequestStatus,
} from '@vouch/domain';
import type { RecordedEvent } from '@vouch/event-store';
import { anyInRange, connectionFrom, nearestInOrder, type Connection, type PageRequest } from './connection';

/** A request as the board keeps it: the domain's state plus the timings and counts metrics need. */
export interface RequestRecord {
  state: ReferenceRequestState;
  /** When enough advocates had first committed (accepted, scheduled or completed). */
  fulfilledAt?: Instant;
  triagedAt?: Instant;
  closedAt?: Instant;
  /** Advocates asked, and of those how many accepted, over the request's life. */
  asked: number;
  accepted: number;
  completedActivities: number;
  outcomeAmount?: Money;
}

/** A request with its SLA at a date, for lists and detail pages. */
export interface RequestSummary extends Omit<RequestRecord, 'state'> {
  readonly request: ReferenceRequestState;
  readonly sla: RequestSla;
}

export interface RequestFilter {
  readonly requestedBy?: string;
  readonly statuses?: readonly RequestStatus[];
  /** Only requests due at or before / after these instants. */
  readonly dueBefore?: Instant;
  readonly dueAfter?: Instant;
}

// The domain moves a request to FULFILLED once enough advocates committed (COMPLETED when done at once).
const FULFILLED = new Set<RequestStatus>(['FULFILLED', 'COMPLETED']);

/** Every reference request, indexed by requester and by status. */
export class RequestBoard {
  readonly requests = new Map<string, RequestRecord>();
  private readonly byRequester = new Map<string, Set<string>>();
  private readonly byStatus = new Map<RequestStatus, Set<string>>();

  /** Folds a ReferenceRequest event with the domain's `evolveReferenceRequest`. */
  apply(event: RecordedEvent): RequestRecord {
    const e = event as unknown as ReferenceRequestEvent;
    const id = e.data.requestId;
    let record = this.requests.get(id);
    if (!record) {
      record = { state: initialReferenceRequestState, asked: 0, accepted: 0, completedActivities: 0 };
      this.requests.set(id, record);
    }
    const before = record.state;
    const after = evolveReferenceRequest(before, e);
    record.state = after;
    const at = event.metadata.effectiveAt;
    switch (e.type) {
      case 'RequestTriaged':
        record.triagedAt ??= e.data.triagedAt;
        break;
      case 'AdvocateAsked':
        record.asked += 1;
        break;
      case 'AdvocateAcceptedRequest':
        record.accepted += 1;
        break;
      case 'ActivityCompleted':
        record.completedActivities += 1;
        break;
      case 'OutcomeRecorded':
        if (e.data.amount) record.outcomeAmount = e.data.amount;
        record.closedAt = e.data.recordedAt;
        break;
      case 'RequestCancelled':
        record.closedAt = e.data.cancelledAt;
        break;
      case 'RequestLapsed':
        record.closedAt = e.data.lapsedAt;
        break;
    }
    if (record.fulfilledAt === undefined && FULFILLED.has(after.status)) record.fulfilledAt = at;
    if (before.requestedBy !== after.requestedBy && after.requestedBy !== undefined) {
      add(this.byRequester, after.requestedBy, id);
    }
    if (before.status !== after.status) {
      this.byStatus.get(before.status)?.delete(id);
      add(this.byStatus, after.status, id);
    }
    return record;
  }

  /** A request with its SLA at `now`, under the program's SLA policy. */
  summary(requestId: string, policy: RequestSlaPolicy, now: Instant): RequestSummary | undefined {
    const record = this.requests.get(requestId);
    if (!record || record.state.status === 'NONE') return undefined;
    return summarise(record, policy, now);
  }

  /** Requests matching a filter (and visible to the caller), ordered by due date then id, one Relay page at a time (either way). */
  list(
    filter: RequestFilter,
    policy: RequestSlaPolicy,
    now: Instant,
    page: PageRequest = {},
    visible: (request: ReferenceRequestState) => boolean = () => true,
  ): Connection<RequestSummary> {
    const sets: ReadonlySet<string>[] = [];
    if (filter.requestedBy !== undefined) sets.push(this.byRequester.get(filter.requestedBy) ?? new Set());
    if (filter.statuses) {
      const union = new Set<string>();
      for (const s of filter.statuses) for (const id of this.byStatus.get(s) ?? []) union.add(id);
      sets.push(union);
    }
    sets.sort((a, b) => a.size - b.size);
    // Re-iterable: a page may scan twice (its items, then one probe past its cursor).
    const driver: Iterable<string> = sets[0] ?? { [Symbol.iterator]: () => this.requests.keys() };
    const rest = sets.slice(1);
    const sortKey = (id: string) => `${this.requests.get(id)?.state.dueBy ?? ''}\u0000${id}`;
    const accept = (id: string) => {
      const state = this.requests.get(id)?.state;
      if (!state || state.status === 'NONE' || !rest.every((s) => s.has(id)) || !visible(state)) return false;
      const due = state.dueBy ?? '';
      if (filter.dueBefore !== undefined && Date.parse(due) > Date.parse(filter.dueBefore)) return false;
      return !(filter.dueAfter !== undefined && Date.parse(due) < Date.parse(filter.dueAfter));
    };
    return connectionFrom(
      page,
      (order, range, limit) => nearestInOrder(driver, sortKey, order, range, limit, accept),
      (id) => summarise(this.requests.get(id)!, policy, now),
      undefined,
      (range) => anyInRange(driver, sortKey, range, accept),
    );
  }

  snapshot(): [string, RequestRecord][] {
    return [...this.requests];
  }

  restore(snapshot: [string, RequestRecord][]): void {
    this.requests.clear();
    this.byRequester.clear();
    this.byStatus.clear();
    for (const [id, record] of snapshot) {
      this.requests.set(id, record);
      if (record.state.requestedBy !== undefined) add(this.byRequester, record.state.requestedBy, id);
      add(this.byStatus, record.state.status, id);
    }
  }
}

function summarise(record: RequestRecord, policy: RequestSlaPolicy, now: Instant): RequestSummary {
  const { state, ...rest } = record;
  return { ...rest, request: state, sla: requestSla(state, policy, now, record.fulfilledAt) };
}

function add<K>(map: Map<K, Set<string>>, key: K, id: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(id);
}

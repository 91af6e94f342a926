import type { Instant, Money, OpportunityStage } from '@vouch/domain';
import type { Checkpoint, RecordedEvent } from '@vouch/event-store';
import {
  connectionFrom,
  insertSorted,
  removeSorted,
  walkSorted,
  type Connection,
  type Keyed,
  type PageRequest,
  type Projection,
} from '@vouch/projections';
import { vouchStageOf, type CrmEvent, type CrmOpportunityChanged } from './crm-event';
import {
  CRM_INBOX_EVENT_TYPES,
  type CrmInboxEntry,
  type CrmInboxStatus,
  type CrmReceipt,
} from './crm-inbox-log';

/** A champion who left, and the known account of the company they joined. */
export interface NominationSuggestion {
  readonly advocateId: string;
  readonly fromAccountId: string;
  readonly suggestedAccountId: string;
  readonly leftAt: Instant;
}

/** One inbox entry with its key: the checkpoint of its first receipt (its place in the inbox, and its cursor). */
type InboxRow = readonly [key: string, entry: CrmInboxEntry];

/** The saved form: ids, receipts and CRM events (which carry ids, never names). */
export interface CrmReadModelSnapshot {
  readonly checkpoint?: Checkpoint;
  readonly requestsByOpportunity: [string, string[]][];
  readonly suggestions: NominationSuggestion[];
  /** CRM event stream id → its row. */
  readonly inbox: [string, InboxRow][];
}

const INBOX_TYPES: ReadonlySet<string> = new Set(CRM_INBOX_EVENT_TYPES);
const KEY = /^\d{16}$/;

/**
 * What the CRM integration asks of the log, indexed so no question scans it: the requests
 * opened for each CRM opportunity, the champions who left for a known account (nomination
 * suggestions), and the inbox of CRM events by status, in the order they were received.
 */
export class CrmReadModel implements Projection<CrmReadModelSnapshot> {
  static readonly NAME = 'crm-integration';
  readonly name = CrmReadModel.NAME;
  readonly schemaVersion = 1;
  private last: Checkpoint | undefined;
  private readonly requestsByOpportunity = new Map<string, string[]>();
  private readonly suggestions: NominationSuggestion[] = [];
  /** Opportunity id → the CRM's latest word on it (by when it happened), with its inbox key. */
  private readonly deals = new Map<string, { key: string; event: CrmOpportunityChanged }>();
  private readonly inbox = new Map<string, InboxRow>();
  /** Status → the keys of its entries, ascending (binary-searched for a page). */
  private readonly byStatus = new Map<CrmInboxStatus, string[]>();

  /** The checkpoint of the last event applied. */
  get checkpoint(): Checkpoint | undefined {
    return this.last;
  }

  apply(event: RecordedEvent): void {
    if (this.last !== undefined && event.checkpoint <= this.last) return;
    this.last = event.checkpoint;
    if (event.type === 'ReferenceRequestSubmitted') {
      const d = event.data as { requestId: string; opportunity?: { opportunityId?: string } };
      const opportunityId = d.opportunity?.opportunityId;
      if (opportunityId === undefined) return;
      const ids = this.requestsByOpportunity.get(opportunityId) ?? [];
      if (!ids.includes(d.requestId)) ids.push(d.requestId);
      this.requestsByOpportunity.set(opportunityId, ids);
    } else if (event.type === 'AdvocateLeftAccount') {
      const d = event.data as {
        advocateId: string;
        accountId: string;
        leftAt: Instant;
        suggestedAccountId?: string;
      };
      if (d.suggestedAccountId === undefined) return;
      this.suggestions.push({
        advocateId: d.advocateId,
        fromAccountId: d.accountId,
        suggestedAccountId: d.suggestedAccountId,
        leftAt: d.leftAt,
      });
    } else if (INBOX_TYPES.has(event.type)) {
      const { receipt, event: crmEvent } = event.data as unknown as { receipt: CrmReceipt; event: CrmEvent };
      const before = this.inbox.get(event.streamId);
      const key = before?.[0] ?? event.checkpoint;
      const receivedAt = before?.[1].receivedAt ?? receipt.at;
      if (before) this.unlist(before);
      const row: InboxRow = [key, { ...receipt, event: crmEvent, receivedAt }];
      this.inbox.set(event.streamId, row);
      this.list(row);
    }
  }

  /** The CRM's latest stage and amount of an opportunity, when it has sent one with an amount. */
  knownDeal(opportunityId: string): { stage: OpportunityStage; amount: Money } | undefined {
    const latest = this.deals.get(opportunityId)?.event;
    if (!latest?.opportunity.amount) return undefined;
    return { stage: vouchStageOf(latest.opportunity.stage), amount: latest.opportunity.amount };
  }

  /** The requests opened for a CRM opportunity, in the order they were submitted. */
  requestsFor(opportunityId: string): readonly string[] {
    return this.requestsByOpportunity.get(opportunityId) ?? [];
  }

  /** Every nomination suggestion, oldest first. */
  nominationSuggestions(): readonly NominationSuggestion[] {
    return this.suggestions;
  }

  /** Every inbox entry in a status, oldest first (for retrying the parked ones). */
  entries(status: CrmInboxStatus): CrmInboxEntry[] {
    return (this.byStatus.get(status) ?? []).map((key) => this.byKey(key));
  }

  /** A Relay page of the inbox entries in a status, oldest first; a cursor not of this inbox is a RangeError. */
  page(status: CrmInboxStatus, page: PageRequest): Connection<CrmInboxEntry> {
    const keys = this.byStatus.get(status) ?? [];
    return connectionFrom(
      checkedCursors(page),
      (order, range, limit) =>
        walkSorted(keys, order, range, limit, () => true).map(({ key }): Keyed<CrmInboxEntry> => ({
          key,
          item: this.byKey(key),
        })),
      (entry) => entry,
      keys.length,
    );
  }

  snapshot(): CrmReadModelSnapshot {
    return {
      ...(this.last !== undefined ? { checkpoint: this.last } : {}),
      requestsByOpportunity: [...this.requestsByOpportunity].map(([id, ids]) => [id, [...ids]]),
      suggestions: [...this.suggestions],
      inbox: [...this.inbox],
    };
  }

  restore(snapshot: CrmReadModelSnapshot): void {
    this.last = snapshot.checkpoint;
    this.requestsByOpportunity.clear();
    for (const [id, ids] of snapshot.requestsByOpportunity) this.requestsByOpportunity.set(id, [...ids]);
    this.suggestions.splice(0, this.suggestions.length, ...snapshot.suggestions);
    this.inbox.clear();
    this.byStatus.clear();
    this.keyed.clear();
    this.deals.clear();
    // Listed in key order, so each status list is built ascending.
    const rows = snapshot.inbox.slice().sort(([, a], [, b]) => (a[0] < b[0] ? -1 : 1));
    for (const [streamId, row] of rows) {
      this.inbox.set(streamId, row);
      this.list(row);
    }
  }

  private readonly keyed = new Map<string, CrmInboxEntry>();

  private byKey(key: string): CrmInboxEntry {
    return this.keyed.get(key)!;
  }

  private list([key, entry]: InboxRow): void {
    this.keyed.set(key, entry);
    this.noteDeal(key, entry.event);
    const keys = this.byStatus.get(entry.status) ?? [];
    insertSorted(keys, key);
    this.byStatus.set(entry.status, keys);
  }

  /** Keeps the latest opportunity event by when it happened; of equal times, the one received last. */
  private noteDeal(key: string, event: CrmEvent): void {
    if (event.type !== 'opportunity.changed') return;
    const known = this.deals.get(event.opportunity.id);
    const newer =
      !known ||
      Date.parse(event.occurredAt) > Date.parse(known.event.occurredAt) ||
      (Date.parse(event.occurredAt) === Date.parse(known.event.occurredAt) && key >= known.key);
    if (newer) this.deals.set(event.opportunity.id, { key, event });
  }

  private unlist([key, entry]: InboxRow): void {
    this.keyed.delete(key);
    const keys = this.byStatus.get(entry.status);
    if (keys) removeSorted(keys, key);
  }
}

/** The page request, its cursors checked to be inbox positions (a crafted cursor is refused, not read). */
function checkedCursors(page: PageRequest): PageRequest {
  for (const name of ['after', 'before'] as const) {
    const cursor = page[name];
    if (cursor !== undefined && !KEY.test(Buffer.from(cursor, 'base64url').toString('utf8'))) {
      throw new RangeError(`"${name}" is not a cursor of the CRM inbox.`);
    }
  }
  return page;
}

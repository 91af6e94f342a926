import { createHash } from 'node:crypto';
import type { Instant } from '@vouch/domain';
import { ConcurrencyError, type EventStore, type RecordedEvent } from '@vouch/event-store';
import type { CrmEvent } from './crm-event';

/** Where an inbound CRM event stands: applied, waiting for its account, or set aside by hand. */
export type CrmInboxStatus = 'APPLIED' | 'PARKED' | 'DISMISSED';

/** What one Vouch command derived from a CRM event did: DONE, UNCHANGED (a repeat) or a refusal code. */
export interface CrmCommandOutcome {
  readonly command: string;
  readonly aggregateId: string;
  readonly result: string;
}

/** The stored answer to a CRM event: a second delivery gets this back and writes nothing. */
export interface CrmReceipt {
  readonly eventId: string;
  readonly type: CrmEvent['type'];
  readonly status: CrmInboxStatus;
  /** Why it is parked or dismissed. */
  readonly reason?: string;
  readonly accountExternalId: string;
  readonly outcomes: readonly CrmCommandOutcome[];
  readonly at: Instant;
}

/** A parked (or resolved) event as ADMIN and PM see it. */
export interface CrmInboxEntry extends CrmReceipt {
  readonly event: CrmEvent;
  readonly receivedAt: Instant;
}

// The inbox is an integration log beside the domain's streams (like the signed digests): one
// stream per CRM event id, so appending its first event with `no_stream` is the idempotency key.
const PARKED = 'CrmEventParked';
const APPLIED = 'CrmEventApplied';
const DISMISSED = 'CrmEventDismissed';
/** The event types of the inbox log. */
export const CRM_INBOX_EVENT_TYPES = [PARKED, APPLIED, DISMISSED] as const;

/** The stream of one CRM event id (hashed: the CRM's ids are its own alphabet). */
export function crmInboxStreamId(eventId: string): string {
  return `crm-inbox-${createHash('sha256').update(eventId).digest('hex').slice(0, 40)}`;
}

type LogData = { receipt: CrmReceipt; event: CrmEvent };

/** The inbox log of one store: reads and writes receipts, never a domain stream. */
export class CrmInboxLog {
  constructor(
    private readonly store: EventStore,
    private readonly newId: () => string,
  ) {}

  /** The current receipt of a CRM event id, with its stream version; none when never received. */
  async receiptOf(
    tenantId: string,
    eventId: string,
  ): Promise<{ entry: CrmInboxEntry; version: number } | undefined> {
    const events = await this.store.readStream(tenantId, crmInboxStreamId(eventId));
    const last = events.at(-1);
    if (!last || !events[0]) return undefined;
    return { entry: entryOf(events[0], last), version: last.version };
  }

  /**
   * Writes the next receipt of an event. `expected` 0 means the first: when another delivery
   * wrote it meanwhile, the receipt it wrote is returned (`written: false`).
   */
  async write(
    tenantId: string,
    actorId: string,
    event: CrmEvent,
    receipt: CrmReceipt,
    expected: number,
  ): Promise<{ receipt: CrmReceipt; written: boolean }> {
    const type = receipt.status === 'PARKED' ? PARKED : receipt.status === 'APPLIED' ? APPLIED : DISMISSED;
    const id = this.newId();
    try {
      await this.store.append(
        tenantId,
        crmInboxStreamId(event.eventId),
        [
          {
            eventId: id,
            type,
            schemaVersion: 1,
            data: { receipt, event } satisfies LogData as unknown as Record<string, unknown>,
            metadata: {
              tenantId,
              actor: { userId: actorId, roles: ['PROGRAM_MANAGER'] },
              commandId: `crm-inbox:${id}`,
              correlationId: `crm:${event.eventId}`,
              causationId: `crm:${event.eventId}`,
              effectiveAt: receipt.at,
            },
          },
        ],
        { expectedVersion: expected === 0 ? 'no_stream' : expected },
      );
      return { receipt, written: true };
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      const current = await this.receiptOf(tenantId, event.eventId);
      if (!current) throw error;
      const { event: _event, receivedAt: _at, ...stored } = current.entry;
      return { receipt: stored, written: false };
    }
  }
}

function entryOf(first: RecordedEvent, last: RecordedEvent): CrmInboxEntry {
  const { receipt, event } = last.data as unknown as LogData;
  return { ...receipt, event, receivedAt: (first.data as unknown as LogData).receipt.at };
}

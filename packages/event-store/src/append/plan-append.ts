import type { Instant } from '@vouch/domain';
import { IdempotencyConflictError } from '../errors/idempotency-conflict-error';
import { checkExpectedVersion } from '../expected-version';
import type { HashedEventFields } from '../integrity/event-hash';
import { GENESIS_HASH, hashStoredEventTexts } from '../integrity/event-hash';
import type { AppendResult } from './append-result';
import { appendResultOf } from './append-result';
import { PlannedEvent } from './planned-event';
import type { PreparedAppend } from './prepared-append';

/** A stream's head as an adapter reads it inside its write transaction. */
export interface StreamState {
  /** 0 when the stream has no events. */
  readonly version: number;
  /** The last event's hash; GENESIS_HASH when the stream has no events. */
  readonly hash: string;
}

/** An event id that is already stored in the tenant. */
export interface ExistingEvent {
  readonly streamId: string;
  readonly version: number;
  readonly position: number;
  readonly fingerprint: string;
}

/** What an adapter must do for one append: nothing (an idempotent retry) or write these rows. */
export type AppendPlan =
  | { readonly kind: 'duplicate'; readonly result: AppendResult }
  /** Events to write, each carrying the canonical texts it was hashed from (`dataText`, `metadataText`). */
  | { readonly kind: 'write'; readonly events: readonly PlannedEvent[] };

/** The head of a stream that has no events. */
export const EMPTY_STREAM: StreamState = { version: 0, hash: GENESIS_HASH };

/**
 * The in-transaction part of an append, shared by every adapter so they all behave alike:
 * recognise a retry (same ids, same content, same stream) and return its first result;
 * refuse reused ids; check the expected version; then version, stamp and chain the events.
 * The adapter must call it with the stream's head and id look-ups read in the same
 * transaction that writes the returned rows.
 */
export function planAppend(
  request: PreparedAppend,
  head: StreamState,
  findExisting: (eventId: string) => ExistingEvent | undefined,
  recordedAt: Instant,
): AppendPlan {
  const { tenantId, streamId } = request;
  const existing = alreadyStored(request, findExisting);
  if (existing !== undefined) {
    request.events.forEach((event, i) => {
      const found = existing[i];
      if (!found) throw new IdempotencyConflictError(tenantId, streamId, event.eventId, 'partial_retry');
      if (found.streamId !== streamId) {
        throw new IdempotencyConflictError(tenantId, streamId, event.eventId, 'different_stream');
      }
      if (found.fingerprint !== event.fingerprint) {
        throw new IdempotencyConflictError(tenantId, streamId, event.eventId, 'different_content');
      }
      if (found.version !== existing[0]!.version + i) {
        throw new IdempotencyConflictError(tenantId, streamId, event.eventId, 'partial_retry');
      }
    });
    const stored = request.events.map((event, i) => ({ eventId: event.eventId, ...existing[i]! }));
    return { kind: 'duplicate', result: appendResultOf(streamId, stored, true) };
  }

  checkExpectedVersion(tenantId, streamId, request.expectedVersion, head.version);

  let previousHash = head.hash;
  const events = new Array<PlannedEvent>(request.events.length);
  for (let i = 0; i < events.length; i += 1) {
    const event = request.events[i]!;
    const fields: HashedEventFields = {
      tenantId,
      streamId,
      version: head.version + 1 + i,
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      personal: event.personal,
      recordedAt,
      fingerprint: event.fingerprint,
    };
    previousHash = hashStoredEventTexts(previousHash, fields, event.dataText, event.metadataText);
    events[i] = new PlannedEvent(fields, event, previousHash);
  }
  return { kind: 'write', events };
}

/** Each event's stored twin, or undefined when none of the ids is stored (no array then). */
function alreadyStored(
  request: PreparedAppend,
  findExisting: (eventId: string) => ExistingEvent | undefined,
): (ExistingEvent | undefined)[] | undefined {
  let existing: (ExistingEvent | undefined)[] | undefined;
  for (let i = 0; i < request.events.length; i += 1) {
    const found = findExisting(request.events[i]!.eventId);
    if (found !== undefined)
      (existing ??= new Array<ExistingEvent | undefined>(request.events.length))[i] = found;
  }
  return existing;
}

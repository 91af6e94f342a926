import type { EventMetadata } from '@vouch/domain';
import type { SealedPersonalData, StoredEvent, StoredRow, UnpositionedStoredEvent } from '@vouch/event-store';
import type { AllStreamRecordedEvent, EventData, RecordedEvent } from '@eventstore/db-client';
import { jsonEvent } from '@eventstore/db-client';
import { eventUuidOf } from './stream-names';

/**
 * What Vouch keeps in an EventStoreDB event's metadata: everything of the stored event
 * but its data (the event's data) and its position (the server's log position).
 */
interface VouchEnvelope {
  readonly vouch: 1;
  readonly tenantId: string;
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
  readonly schemaVersion: number;
  readonly personal: SealedPersonalData | null;
  readonly metadata: EventMetadata;
  readonly recordedAt: string;
  readonly fingerprint: string;
  readonly hash: string;
}

/** The EventStoreDB event that stores a Vouch event. */
export function toEventData(event: UnpositionedStoredEvent): EventData {
  const envelope: VouchEnvelope = {
    vouch: 1,
    tenantId: event.tenantId,
    streamId: event.streamId,
    version: event.version,
    eventId: event.eventId,
    schemaVersion: event.schemaVersion,
    personal: event.personal,
    metadata: event.metadata,
    recordedAt: event.recordedAt,
    fingerprint: event.fingerprint,
    hash: event.hash,
  };
  return jsonEvent({
    id: eventUuidOf(event.tenantId, event.eventId),
    type: event.type,
    data: event.data,
    metadata: envelope as unknown as Record<string, unknown>,
  });
}

/** The log position of a recorded event as a Vouch position (a safe integer). */
export function positionOfRecorded(event: RecordedEvent | AllStreamRecordedEvent): number {
  const position = event.position?.prepare;
  if (position === undefined)
    throw new Error('EventStoreDB returned an event without its log position (server too old).');
  if (position > BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError(`Log position ${position} exceeds 2^53.`);
  return Number(position);
}

/** Decodes a recorded event; throws when it is not one Vouch wrote intact. */
export function fromRecorded(event: RecordedEvent | AllStreamRecordedEvent): StoredEvent {
  if (!event.isJson) throw new TypeError('The event is not JSON.');
  const envelope = event.metadata as unknown as VouchEnvelope | undefined;
  if (!envelope || envelope.vouch !== 1)
    throw new TypeError('The event has no Vouch envelope in its metadata.');
  const data = event.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new TypeError('The event data is not an object.');
  return {
    tenantId: envelope.tenantId,
    streamId: envelope.streamId,
    version: Number(event.revision) + 1,
    position: positionOfRecorded(event),
    eventId: envelope.eventId,
    type: event.type,
    schemaVersion: envelope.schemaVersion,
    data: data as Record<string, unknown>,
    personal: envelope.personal,
    metadata: envelope.metadata,
    recordedAt: envelope.recordedAt,
    fingerprint: envelope.fingerprint,
    hash: envelope.hash,
  };
}

/** Decodes for verification: an event that does not decode is named, not thrown. */
export function fromRecordedForVerification(
  event: RecordedEvent | AllStreamRecordedEvent,
  streamId: string,
): StoredRow {
  try {
    return fromRecorded(event);
  } catch (error) {
    return {
      unreadable: true,
      position: event.position ? Number(event.position.prepare) : 0,
      streamId,
      version: Number(event.revision) + 1,
      eventId: event.id,
      reason: (error as Error).message,
    };
  }
}

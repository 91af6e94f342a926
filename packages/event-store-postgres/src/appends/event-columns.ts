import { PlannedEvent, type UnpositionedStoredEvent } from '@vouch/event-store';
import { toSqlText } from '../database/sql-text';

/** The events as one array per column, in the order both insert statements take them. */
export function eventColumns(events: readonly UnpositionedStoredEvent[]): unknown[] {
  return [
    events.map((e) => e.version),
    events.map((e) => toSqlText(e.eventId)),
    events.map((e) => toSqlText(e.type)),
    events.map((e) => e.schemaVersion),
    // A planned event carries the canonical texts it was hashed from: written as they are,
    // never parsed back into objects only to be stringified again.
    events.map((e) => (e instanceof PlannedEvent ? e.dataText : JSON.stringify(e.data))),
    events.map((e) => (e.personal === null ? null : JSON.stringify(e.personal))),
    events.map((e) => (e instanceof PlannedEvent ? e.metadataText : JSON.stringify(e.metadata))),
    events.map((e) => e.recordedAt),
    events.map((e) => e.fingerprint),
    events.map((e) => e.hash),
  ];
}

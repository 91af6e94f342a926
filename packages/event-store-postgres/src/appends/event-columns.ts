import type { PlannedEvent } from '@vouch/event-store';
import { toSqlText } from '../database/sql-text';

/** The events as one array per column, in the order both insert statements take them. */
export function eventColumns(events: readonly PlannedEvent[]): unknown[] {
  return [
    events.map((e) => e.version),
    events.map((e) => toSqlText(e.eventId)),
    events.map((e) => toSqlText(e.type)),
    events.map((e) => e.schemaVersion),
    // The canonical texts the event was hashed from, written as they are (never parsed back
    // into objects and stringified again). The type asks for planned events: a copy of one
    // (a spread drops its accessors) or a hand-made row cannot reach this insert.
    events.map((e) => e.dataText),
    events.map((e) => (e.personal === null ? null : JSON.stringify(e.personal))),
    events.map((e) => e.metadataText),
    events.map((e) => e.recordedAt),
    events.map((e) => e.fingerprint),
    events.map((e) => e.hash),
  ];
}

import type { UnpositionedStoredEvent } from '@vouch/event-store';
import { toSqlText } from '../database/sql-text';

/** The events as one array per column, in the order both insert statements take them. */
export function eventColumns(events: readonly UnpositionedStoredEvent[]): unknown[] {
  return [
    events.map((e) => e.version),
    events.map((e) => toSqlText(e.eventId)),
    events.map((e) => toSqlText(e.type)),
    events.map((e) => e.schemaVersion),
    events.map((e) => JSON.stringify(e.data)),
    events.map((e) => (e.personal === null ? null : JSON.stringify(e.personal))),
    events.map((e) => JSON.stringify(e.metadata)),
    events.map((e) => e.recordedAt),
    events.map((e) => e.fingerprint),
    events.map((e) => e.hash),
  ];
}

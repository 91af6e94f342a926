import type { EventMetadata } from '@vouch/domain';
import type {
  PreparedEvent,
  ReadableEventColumns,
  ReplayEventColumns,
  SealedPersonalData,
  StoredEvent,
  StoredRow,
  UnpositionedStoredEvent,
} from '@vouch/event-store';
import { decodeForVerification } from '@vouch/event-store';

/** One row of the `events` table as better-sqlite3 returns it. */
export interface EventRow {
  position: number;
  tenant_id: string;
  stream_id: string;
  version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: string;
  personal: string | null;
  metadata: string;
  recorded_at: string;
  fingerprint: string;
  hash: string;
}

/**
 * The columns the read path selects, in this order, as arrays (`Statement.raw()`): no
 * integrity columns and no tenant (the caller knows it), and no object per row with
 * keys, which made a catch-up read cost half again as much CPU as the raw read.
 */
export const READ_COLUMNS =
  'position, stream_id, version, event_id, type, schema_version, data, personal, metadata, recorded_at';

/**
 * READ_COLUMNS of one stream's read: the stream id, which the caller gave, is not read back
 * (NULL in its place, filled in by the reader): one string fewer per event.
 */
export const STREAM_READ_COLUMNS = READ_COLUMNS.replace('stream_id', 'NULL');

/** One row of READ_COLUMNS as `Statement.raw()` returns it. */
export type ReadRow = [
  position: number,
  streamId: string,
  version: number,
  eventId: string,
  type: string,
  schemaVersion: number,
  data: string,
  personal: string | null,
  metadata: string,
  recordedAt: string,
];

/**
 * Decodes a row of READ_COLUMNS into the core's column array in place (its JSON columns
 * parsed where they stand): no object per row beyond better-sqlite3's own array. Throws when
 * a JSON column is damaged.
 */
export function columnsOfReadRow(row: ReadRow): ReadableEventColumns {
  const columns = row as unknown as unknown[];
  columns[6] = JSON.parse(row[6]);
  if (row[7] !== null) columns[7] = JSON.parse(row[7]);
  columns[8] = JSON.parse(row[8]);
  return columns as ReadableEventColumns;
}

/**
 * `columnsOfReadRow` for a replay: the metadata stays the stored text (the core reads its
 * `effectiveAt` alone, or parses it for the events that need it). Throws when a parsed column is damaged.
 */
export function replayColumnsOfReadRow(row: ReadRow): ReplayEventColumns {
  const columns = row as unknown as unknown[];
  columns[6] = JSON.parse(row[6]);
  if (row[7] !== null) columns[7] = JSON.parse(row[7]);
  return columns as ReplayEventColumns;
}

/**
 * The insert parameters of a planned event; `prepared` is the append's event it was planned
 * from, whose canonical texts are stored as they are (never re-encoded, never parsed).
 */
export function toInsertParameters(event: UnpositionedStoredEvent, prepared: PreparedEvent): unknown[] {
  return [
    event.tenantId,
    event.streamId,
    event.version,
    event.eventId,
    event.type,
    event.schemaVersion,
    prepared.dataText,
    event.personal === null ? null : JSON.stringify(event.personal),
    prepared.metadataText,
    event.recordedAt,
    event.fingerprint,
    event.hash,
  ];
}

/** Decodes a row; throws when its JSON columns are damaged. */
export function fromRow(row: EventRow): StoredEvent {
  return {
    tenantId: row.tenant_id,
    streamId: row.stream_id,
    version: row.version,
    position: row.position,
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data) as Record<string, unknown>,
    personal: row.personal === null ? null : (JSON.parse(row.personal) as SealedPersonalData),
    metadata: JSON.parse(row.metadata) as EventMetadata,
    recordedAt: row.recorded_at,
    fingerprint: row.fingerprint,
    hash: row.hash,
  };
}

/** Decodes a row for verification: a damaged row becomes an UnreadableStoredEvent naming it. */
export function fromRowForVerification(row: EventRow): StoredRow {
  return decodeForVerification(row, fromRow, (r) => ({
    position: r.position,
    streamId: String(r.stream_id),
    version: Number(r.version),
    eventId: String(r.event_id),
  }));
}

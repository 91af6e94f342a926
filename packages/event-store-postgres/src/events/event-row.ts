import type { EventMetadata } from '@vouch/domain';
import type { SealedPersonalData, StoredEvent, StoredRow } from '@vouch/event-store';
import { decodeForVerification } from '@vouch/event-store';
import { fromSqlText } from '../database/sql-text';

/** The columns every event read selects, JSON as text so one damaged row cannot fail a page. */
export const EVENT_COLUMNS = `position, tenant_id, stream_id, version, event_id, type, schema_version,
  data::text AS data, personal::text AS personal, metadata::text AS metadata, recorded_at, fingerprint, hash`;

/** One row of the `events` table as selected with EVENT_COLUMNS. */
export interface EventRow {
  position: string;
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

/** Decodes a row; throws when its content is not what the store writes. */
export function fromEventRow(row: EventRow): StoredEvent {
  const data = parseObject(row.data, 'data') as Record<string, unknown>;
  const metadata = parseObject(row.metadata, 'metadata') as unknown as EventMetadata;
  const personal =
    row.personal === null ? null : (parseObject(row.personal, 'personal') as unknown as SealedPersonalData);
  return {
    tenantId: fromSqlText(row.tenant_id),
    streamId: fromSqlText(row.stream_id),
    version: row.version,
    position: Number(row.position),
    eventId: fromSqlText(row.event_id),
    type: fromSqlText(row.type),
    schemaVersion: row.schema_version,
    data,
    personal,
    metadata,
    recordedAt: row.recorded_at,
    fingerprint: row.fingerprint,
    hash: row.hash,
  };
}

/** Decodes a row for verification: a damaged row becomes an UnreadableStoredEvent naming it. */
export function fromEventRowForVerification(row: EventRow): StoredRow {
  return decodeForVerification(row, fromEventRow, (r) => ({
    position: Number(r.position),
    streamId: fromSqlText(String(r.stream_id)),
    version: Number(r.version),
    eventId: fromSqlText(String(r.event_id)),
  }));
}

function parseObject(text: string, column: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`The ${column} column does not hold a JSON object.`);
  }
  return value as Record<string, unknown>;
}

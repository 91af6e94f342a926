import type { EventMetadata } from '@vouch/domain';
import type { SealedPersonalData } from '@vouch/event-store';
import { GENESIS_HASH, hashStoredEvent } from '@vouch/event-store';

/** An `events` row as SQLite and PostgreSQL both name their columns (JSON as text). */
export interface RawEventRow {
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

/** What a forger writes back: the new data and hash of each event of the stream. */
export interface ForgedRow {
  readonly eventId: string;
  readonly data: string;
  readonly hash: string;
}

/**
 * Rewrites one event of a stream (its rows, in version order) and recomputes the hash of
 * every event of the stream with Vouch's own hashing: the chain verifies again afterwards.
 */
export function forgeStream(
  rows: readonly RawEventRow[],
  eventId: string,
  change: (data: Record<string, unknown>) => Record<string, unknown>,
): ForgedRow[] {
  let previous = GENESIS_HASH;
  return rows.map((row) => {
    const original = JSON.parse(row.data) as Record<string, unknown>;
    const data = row.event_id === eventId ? change(original) : original;
    const hash = hashStoredEvent(previous, {
      tenantId: row.tenant_id,
      streamId: row.stream_id,
      version: row.version,
      eventId: row.event_id,
      type: row.type,
      schemaVersion: row.schema_version,
      data,
      personal: row.personal === null ? null : (JSON.parse(row.personal) as SealedPersonalData),
      metadata: JSON.parse(row.metadata) as EventMetadata,
      recordedAt: row.recorded_at,
      fingerprint: row.fingerprint,
    });
    previous = hash;
    return { eventId: row.event_id, data: JSON.stringify(data), hash };
  });
}

/** The forgery of the issue: PRESS and VIDEO added to a consent, valid until 2099. */
export const widenConsent = (data: Record<string, unknown>): Record<string, unknown> => ({
  ...data,
  kinds: [...(data.kinds as string[]), 'PRESS', 'VIDEO'],
  validUntil: '2099-12-31T00:00:00.000Z',
});

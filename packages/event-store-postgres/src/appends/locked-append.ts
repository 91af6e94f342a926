import type { Instant } from '@vouch/domain';
import type { AppendResult, PlannedEvent, PreparedAppend } from '@vouch/event-store';
import { appendResultOf, planAppend } from '@vouch/event-store';
import type { PoolClient } from 'pg';
import { AdvisoryLockSpace } from '../database/advisory-locks';
import type { PostgresDatabase } from '../database/postgres-database';
import { toSqlText } from '../database/sql-text';
import type { StreamHeadCache } from '../events/stream-head-cache';
import type { EventNotifier } from '../notifications/event-notifier';
import { eventColumns } from './event-columns';
import { streamLockKey, type QueuedAppend } from './queued-append';
import { isRetryable } from './retryable';
import { existingOf, headOf, streamSnapshotSql, type StreamSnapshotRow } from './stream-snapshots';

/** How often an append is retried after losing a race the database detected. */
const MAX_APPEND_ATTEMPTS = 8;

/**
 * An append planned under its stream's advisory lock in a transaction of its own: for an
 * append that lost the optimistic race too often. It always progresses.
 */
export class LockedAppend {
  constructor(
    private readonly database: PostgresDatabase,
    private readonly heads: StreamHeadCache,
    private readonly notifier: EventNotifier,
  ) {}

  /** Appends, retrying races the database detected; settles the append either way. */
  async run(item: QueuedAppend): Promise<void> {
    for (let attempt = item.attempts + 1; ; attempt++) {
      try {
        const result = await this.database.transaction('append', (client) =>
          this.appendLocked(client, item.request, item.now),
        );
        this.heads.delete(item.key);
        if (!result.duplicate) this.notifier.committed(item.request.tenantId);
        item.resolve(result);
        return;
      } catch (error) {
        if (attempt < MAX_APPEND_ATTEMPTS && isRetryable(error)) continue;
        item.reject(error);
        return;
      }
    }
  }

  private async appendLocked(
    client: PoolClient,
    request: PreparedAppend,
    now: () => Instant,
  ): Promise<AppendResult> {
    const tenant = toSqlText(request.tenantId);
    const stream = toSqlText(request.streamId);
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      AdvisoryLockSpace.STREAMS,
      streamLockKey(this.database.schemaName, tenant, stream),
    ]);
    // After the lock, so this statement's snapshot sees the stream's last committed append.
    const { rows } = await client.query<StreamSnapshotRow>(streamSnapshotSql(this.database.schema), [
      tenant,
      stream,
      request.events.map((e) => toSqlText(e.eventId)),
    ]);
    const snapshot = rows[0]!;
    const plan = planAppend(request, headOf(snapshot), existingOf(snapshot), now());
    if (plan.kind === 'duplicate') return plan.result;
    const positions = await this.insert(client, tenant, stream, plan.events);
    return appendResultOf(
      request.streamId,
      plan.events.map((event, i) => ({
        eventId: event.eventId,
        version: event.version,
        position: positions[i]!,
      })),
      false,
    );
  }

  private async insert(
    client: PoolClient,
    tenant: string,
    stream: string,
    events: readonly PlannedEvent[],
  ): Promise<number[]> {
    const s = this.database.schema;
    const { rows } = await client.query<{ position: string }>(
      `WITH reserved AS (SELECT * FROM ${s}.reserve_positions($3::integer))
       INSERT INTO ${s}.events (position, transaction_id, tenant_id, stream_id, version, event_id, type,
                                schema_version, data, personal, metadata, recorded_at, fingerprint, hash)
       SELECT reserved.first_position + e.ordinal - 1, reserved.transaction_id, $1, $2, e.version, e.event_id, e.type,
              e.schema_version, e.data::json, e.personal::json, e.metadata::json, e.recorded_at, e.fingerprint, e.hash
         FROM reserved,
              unnest($4::integer[], $5::text[], $6::text[], $7::integer[], $8::text[], $9::text[], $10::text[],
                     $11::text[], $12::text[], $13::text[])
                WITH ORDINALITY AS e(version, event_id, type, schema_version, data, personal, metadata, recorded_at,
                                     fingerprint, hash, ordinal)
       RETURNING position`,
      [tenant, stream, events.length, ...eventColumns(events)],
    );
    return rows.map((r) => Number(r.position)).sort((a, b) => a - b);
  }
}

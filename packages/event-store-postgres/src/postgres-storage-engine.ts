import type { Instant } from '@vouch/domain';
import type {
  AppendResult,
  ExistingEvent,
  LogRange,
  PreparedAppend,
  StorageEngine,
  StoredEvent,
  StoredRow,
  StreamHead,
  StreamRange,
  UnpositionedStoredEvent,
} from '@vouch/event-store';
import { EMPTY_STREAM, StoreUnavailableError, appendResultOf, planAppend } from '@vouch/event-store';
import type { PoolClient } from 'pg';
import { AdvisoryLockSpace } from './database/advisory-locks';
import { isConnectionFailure, whileAvailable } from './database/connection-failure';
import type { PostgresDatabase } from './database/postgres-database';
import { fromSqlText, toSqlText } from './database/sql-text';
import type { EventRow } from './events/event-row';
import { EVENT_COLUMNS, fromEventRow, fromEventRowForVerification } from './events/event-row';
import type { EventNotifier } from './notifications/event-notifier';

/** Rows fetched per round trip when iterating a whole tenant or stream. */
const ROWS_PAGE = 1000;
/** How often an append is retried after losing a race the database detected. */
const MAX_APPEND_ATTEMPTS = 5;
// unique_violation (two appends of one event id to different streams), serialization
// failure and deadlock: the append is replanned from what is now committed.
const RETRYABLE = new Set(['23505', '40001', '40P01']);

// Only transactions older than every one still in flight are visible to the log: a
// position whose transaction is still running may yet commit, so nothing at or after it
// is returned. Positions are handed out in transaction-id order (reserve_positions), so
// this cuts the log at a prefix that can no longer grow.
const WATERMARK = 'transaction_id < pg_snapshot_xmin(pg_current_snapshot())';

/**
 * Durable storage of prepared events in PostgreSQL. An append runs in one transaction:
 * lock the stream (advisory, until commit), read its head and the ids already stored,
 * plan (the shared `planAppend`), take positions, insert, commit.
 */
export class PostgresStorageEngine implements StorageEngine {
  private closed = false;

  constructor(
    private readonly database: PostgresDatabase,
    private readonly notifier: EventNotifier,
  ) {}

  private get s(): string {
    return this.database.schema;
  }

  async append(request: PreparedAppend, now: () => Instant): Promise<AppendResult> {
    this.assertOpen();
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.database.transaction('append', (client) =>
          this.appendIn(client, request, now),
        );
        if (!result.duplicate) this.notifier.committed(request.tenantId);
        return result;
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (attempt < MAX_APPEND_ATTEMPTS && typeof code === 'string' && RETRYABLE.has(code)) continue;
        throw error;
      }
    }
  }

  async readStream(tenantId: string, streamId: string, range: StreamRange): Promise<StoredEvent[]> {
    this.assertOpen();
    const forwards = range.direction === 'forwards';
    const rows = await this.database.query<EventRow>(
      'read stream',
      `SELECT ${EVENT_COLUMNS} FROM ${this.s}.events
        WHERE tenant_id = $1 AND stream_id = $2 AND ${forwards ? 'version >= $3' : 'version <= $3'}
        ORDER BY version ${forwards ? 'ASC' : 'DESC'} LIMIT $4`,
      [
        toSqlText(tenantId),
        toSqlText(streamId),
        range.fromVersion ?? (forwards ? 1 : 2147483647),
        range.limit ?? null,
      ],
    );
    return rows.map(fromEventRow);
  }

  async readLog(tenantId: string, range: LogRange): Promise<StoredEvent[]> {
    this.assertOpen();
    const rows = await this.database.query<EventRow>(
      'read log',
      `SELECT ${EVENT_COLUMNS} FROM ${this.s}.events
        WHERE tenant_id = $1 AND position > $2 AND ${WATERMARK}
          AND ($4::text[] IS NULL OR type = ANY($4::text[]))
        ORDER BY position LIMIT $3`,
      [
        toSqlText(tenantId),
        range.afterPosition,
        range.limit,
        range.types ? range.types.map(toSqlText) : null,
      ],
    );
    return rows.map(fromEventRow);
  }

  async streamVersion(tenantId: string, streamId: string): Promise<number> {
    this.assertOpen();
    const [row] = await this.database.query<{ version: number | null }>(
      'stream version',
      `SELECT max(version) AS version FROM ${this.s}.events WHERE tenant_id = $1 AND stream_id = $2`,
      [toSqlText(tenantId), toSqlText(streamId)],
    );
    return row?.version ?? 0;
  }

  async *rows(tenantId: string, streamId?: string): AsyncIterable<StoredRow> {
    this.assertOpen();
    let after = 0;
    for (;;) {
      const page = await this.database.query<EventRow>(
        'read rows',
        `SELECT ${EVENT_COLUMNS} FROM ${this.s}.events
          WHERE tenant_id = $1 AND ($2::text IS NULL OR stream_id = $2) AND position > $3 AND ${WATERMARK}
          ORDER BY position LIMIT $4`,
        [toSqlText(tenantId), streamId === undefined ? null : toSqlText(streamId), after, ROWS_PAGE],
      );
      for (const row of page) yield fromEventRowForVerification(row);
      if (page.length < ROWS_PAGE) return;
      after = Number(page[page.length - 1]!.position);
    }
  }

  async streamHeads(tenantId: string, atPosition: number): Promise<StreamHead[]> {
    this.assertOpen();
    const rows = await this.database.query<{ stream_id: string; version: number; hash: string }>(
      'stream heads',
      `SELECT DISTINCT ON (stream_id) stream_id, version, hash FROM ${this.s}.events
        WHERE tenant_id = $1 AND position <= $2 AND ${WATERMARK}
        ORDER BY stream_id, version DESC`,
      [toSqlText(tenantId), atPosition],
    );
    return rows.map((row) => ({
      streamId: fromSqlText(row.stream_id),
      version: row.version,
      hash: row.hash,
    }));
  }

  async lastPosition(tenantId: string): Promise<number> {
    this.assertOpen();
    const [row] = await this.database.query<{ position: string | null }>(
      'last position',
      `SELECT max(position) AS position FROM ${this.s}.events WHERE tenant_id = $1 AND ${WATERMARK}`,
      [toSqlText(tenantId)],
    );
    return row?.position == null ? 0 : Number(row.position);
  }

  watch(listener: (tenantId: string) => void): () => void {
    return this.notifier.watch(listener);
  }

  async afterErasure(): Promise<void> {
    // The destroyed key's bytes linger in the dead row version until vacuum reclaims it.
    await whileAvailable('vacuum data keys', () =>
      this.database.pool.query(`VACUUM ${this.s}.data_keys`),
    ).catch((error: unknown) => {
      if (!isConnectionFailure(error)) throw error;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.notifier.close();
    await this.database.close();
  }

  private async appendIn(
    client: PoolClient,
    request: PreparedAppend,
    now: () => Instant,
  ): Promise<AppendResult> {
    const tenant = toSqlText(request.tenantId);
    const stream = toSqlText(request.streamId);
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      AdvisoryLockSpace.STREAMS,
      JSON.stringify([this.database.schemaName, tenant, stream]),
    ]);
    // After the lock, so this statement's snapshot sees the stream's last committed append.
    const { rows } = await client.query<{
      head_version: number | null;
      head_hash: string | null;
      existing:
        | { event_id: string; stream_id: string; version: number; position: number; fingerprint: string }[]
        | null;
    }>(
      `SELECT h.version AS head_version, h.hash AS head_hash,
              (SELECT json_agg(json_build_object('event_id', e.event_id, 'stream_id', e.stream_id, 'version', e.version,
                                                 'position', e.position, 'fingerprint', e.fingerprint))
                 FROM ${this.s}.events e WHERE e.tenant_id = $1 AND e.event_id = ANY($3::text[])) AS existing
         FROM (SELECT 1) AS one
         LEFT JOIN LATERAL (SELECT version, hash FROM ${this.s}.events
                             WHERE tenant_id = $1 AND stream_id = $2 ORDER BY version DESC LIMIT 1) h ON true`,
      [tenant, stream, request.events.map((e) => toSqlText(e.eventId))],
    );
    const row = rows[0]!;
    const existing = new Map<string, ExistingEvent>(
      (row.existing ?? []).map((e) => [
        fromSqlText(e.event_id),
        {
          streamId: fromSqlText(e.stream_id),
          version: e.version,
          position: Number(e.position),
          fingerprint: e.fingerprint,
        },
      ]),
    );
    const head =
      row.head_version === null ? EMPTY_STREAM : { version: row.head_version, hash: row.head_hash! };
    const plan = planAppend(request, head, (eventId) => existing.get(eventId), now());
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
    events: readonly UnpositionedStoredEvent[],
  ): Promise<number[]> {
    const { rows } = await client.query<{ position: string }>(
      `WITH reserved AS (SELECT * FROM ${this.s}.reserve_positions($3::integer))
       INSERT INTO ${this.s}.events (position, transaction_id, tenant_id, stream_id, version, event_id, type,
                                     schema_version, data, personal, metadata, recorded_at, fingerprint, hash)
       SELECT reserved.first_position + e.ordinal - 1, reserved.transaction_id, $1, $2, e.version, e.event_id, e.type,
              e.schema_version, e.data::json, e.personal::json, e.metadata::json, e.recorded_at, e.fingerprint, e.hash
         FROM reserved,
              unnest($4::integer[], $5::text[], $6::text[], $7::integer[], $8::text[], $9::text[], $10::text[],
                     $11::text[], $12::text[], $13::text[])
                WITH ORDINALITY AS e(version, event_id, type, schema_version, data, personal, metadata, recorded_at,
                                     fingerprint, hash, ordinal)
       RETURNING position`,
      [
        tenant,
        stream,
        events.length,
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
      ],
    );
    return rows.map((r) => Number(r.position)).sort((a, b) => a - b);
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('The PostgreSQL event store is closed.');
  }
}

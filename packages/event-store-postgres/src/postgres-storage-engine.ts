import type { Instant } from '@vouch/domain';
import type {
  AppendPlan,
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
import {
  ConcurrencyError,
  EMPTY_STREAM,
  StoreUnavailableError,
  appendResultOf,
  planAppend,
} from '@vouch/event-store';
import type { PoolClient } from 'pg';
import { AdvisoryLockSpace } from './database/advisory-locks';
import { isConnectionFailure, whileAvailable } from './database/connection-failure';
import type { PostgresDatabase } from './database/postgres-database';
import { fromSqlText, toSqlText } from './database/sql-text';
import type { EventRow } from './events/event-row';
import { EVENT_COLUMNS, fromEventRow, fromEventRowForVerification } from './events/event-row';
import { StreamHeadCache } from './events/stream-head-cache';
import type { EventNotifier } from './notifications/event-notifier';

/** Rows fetched per round trip when iterating a whole tenant or stream. */
const ROWS_PAGE = 1000;
/** Streams whose last written head this process remembers. */
const CACHED_HEADS = 10_000;
/** Optimistic tries of an append before it plans under the stream's lock instead. */
const OPTIMISTIC_ATTEMPTS = 3;
/** How often an append is retried after losing a race the database detected. */
const MAX_APPEND_ATTEMPTS = 8;
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
  private readonly heads = new StreamHeadCache(CACHED_HEADS);

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
        // Optimistic first: plan against the head this process last wrote (or read it), then
        // one statement checks that head and writes: one or two round trips, no open
        // transaction. Under contention for one stream, fall back to planning while holding
        // the stream's lock, which always makes progress.
        const result =
          attempt <= OPTIMISTIC_ATTEMPTS
            ? await this.appendOptimistically(request, now, attempt === 1)
            : await this.database.transaction('append', (client) => this.appendLocked(client, request, now));
        if (result === 'replan') continue;
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
      forwards ? 'read_stream_forwards' : 'read_stream_backwards',
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
      'stream_version',
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

  private async appendOptimistically(
    request: PreparedAppend,
    now: () => Instant,
    trustCachedHead: boolean,
  ): Promise<AppendResult | 'replan'> {
    const tenant = toSqlText(request.tenantId);
    const stream = toSqlText(request.streamId);
    const key = this.lockKey(tenant, stream);
    const cached = trustCachedHead ? this.heads.get(key) : undefined;
    const snapshot: StreamSnapshotRow = cached
      ? { head_version: cached.version, head_hash: cached.hash, existing: null }
      : (
          await this.database.query<StreamSnapshotRow>(
            'read stream head',
            this.streamSnapshotSql(),
            [tenant, stream, request.events.map((e) => toSqlText(e.eventId))],
            'stream_snapshot',
          )
        )[0]!;
    let plan: AppendPlan;
    try {
      plan = this.plan(request, snapshot, now);
    } catch (error) {
      // The remembered head may be stale: only a fresh read can refuse the expected version.
      if (cached && error instanceof ConcurrencyError) return this.forget(key);
      throw error;
    }
    if (plan.kind === 'duplicate') return plan.result;
    const events = plan.events;
    const [written] = await this.database.query<{
      outcome: 'written' | 'moved' | 'exists';
      first_position: string | null;
    }>(
      'append',
      `SELECT outcome, first_position FROM ${this.s}.append_events($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [tenant, stream, key, snapshot.head_version ?? 0, ...eventColumns(events)],
      'append_events',
    );
    // 'moved': someone appended since; 'exists': an id is stored (a retry, or a reused id).
    if (written!.outcome !== 'written') return this.forget(key);
    const last = events[events.length - 1]!;
    this.heads.set(key, { version: last.version, hash: last.hash });
    const first = Number(written!.first_position);
    return appendResultOf(
      request.streamId,
      events.map((event, i) => ({ eventId: event.eventId, version: event.version, position: first + i })),
      false,
    );
  }

  private forget(key: string): 'replan' {
    this.heads.delete(key);
    return 'replan';
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
      this.lockKey(tenant, stream),
    ]);
    // After the lock, so this statement's snapshot sees the stream's last committed append.
    const { rows } = await client.query<StreamSnapshotRow>(this.streamSnapshotSql(), [
      tenant,
      stream,
      request.events.map((e) => toSqlText(e.eventId)),
    ]);
    const plan = this.plan(request, rows[0]!, now);
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

  private plan(request: PreparedAppend, snapshot: StreamSnapshotRow, now: () => Instant): AppendPlan {
    const existing = new Map<string, ExistingEvent>(
      (snapshot.existing ?? []).map((e) => [
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
      snapshot.head_version === null
        ? EMPTY_STREAM
        : { version: snapshot.head_version, hash: snapshot.head_hash! };
    return planAppend(request, head, (eventId) => existing.get(eventId), now());
  }

  // The stream's head and those of the given event ids that the tenant already stores.
  private streamSnapshotSql(): string {
    return `SELECT h.version AS head_version, h.hash AS head_hash,
              (SELECT json_agg(json_build_object('event_id', e.event_id, 'stream_id', e.stream_id, 'version', e.version,
                                                 'position', e.position, 'fingerprint', e.fingerprint))
                 FROM ${this.s}.events e WHERE e.tenant_id = $1 AND e.event_id = ANY($3::text[])) AS existing
         FROM (SELECT 1) AS one
         LEFT JOIN LATERAL (SELECT version, hash FROM ${this.s}.events
                             WHERE tenant_id = $1 AND stream_id = $2 ORDER BY version DESC LIMIT 1) h ON true`;
  }

  // Collisions of the hash only make two streams wait for each other, never mix them up.
  private lockKey(tenant: string, stream: string): string {
    return JSON.stringify([this.database.schemaName, tenant, stream]);
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
      [tenant, stream, events.length, ...eventColumns(events)],
    );
    return rows.map((r) => Number(r.position)).sort((a, b) => a - b);
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('The PostgreSQL event store is closed.');
  }
}

/** What the stream-snapshot query returns. */
interface StreamSnapshotRow {
  head_version: number | null;
  head_hash: string | null;
  existing:
    { event_id: string; stream_id: string; version: number; position: number; fingerprint: string }[] | null;
}

/** The events as one array per column, in the order both insert statements take them. */
function eventColumns(events: readonly UnpositionedStoredEvent[]): unknown[] {
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

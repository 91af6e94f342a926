import type { Instant } from '@vouch/domain';
import type {
  AppendPlan,
  AppendResult,
  ExistingEvent,
  LogRange,
  LogScan,
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
import { scanLog } from './events/scan-log';
import type { CachedHead } from './events/stream-head-cache';
import { StreamHeadCache } from './events/stream-head-cache';
import type { EventNotifier } from './notifications/event-notifier';

/** Rows fetched per round trip when iterating a whole tenant or stream. */
const ROWS_PAGE = 1000;
/** Streams whose last written head this process remembers. */
const CACHED_HEADS = 10_000;
/** Optimistic tries of an append before it plans under the stream's lock instead. */
const OPTIMISTIC_ATTEMPTS = 3;
/** Most appends, and most events, that one group transaction carries. */
const MAX_GROUP_APPENDS = 256;
const MAX_GROUP_EVENTS = 4096;
/** Group transactions in flight at once (each on its own connection). */
const GROUPS_IN_FLIGHT = 4;
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

/** An append waiting for (or being carried by) a group transaction. */
interface QueuedAppend {
  readonly request: PreparedAppend;
  readonly now: () => Instant;
  readonly tenant: string;
  readonly stream: string;
  /** The stream's lock key, also the key of its cached head. */
  readonly key: string;
  /** Optimistic tries so far; from the second on, the head is read, never taken from the cache. */
  attempts: number;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/** An append of a group whose plan is to write these events on top of `plannedVersion`. */
interface PlannedWrite {
  readonly item: QueuedAppend;
  readonly plannedVersion: number;
  readonly events: readonly UnpositionedStoredEvent[];
}

/**
 * Durable storage of prepared events in PostgreSQL, with group commit: the appends waiting
 * when a group starts are written by one call in one transaction (one round trip, one
 * commit, one WAL flush). Up to GROUPS_IN_FLIGHT groups run at once; a stream is in one
 * of them at most, so what arrives for it meanwhile waits for the next.
 *
 * An append is planned by the shared `planAppend` against its stream's head: the head this
 * process last wrote (cached), or read, or — for a later append of a group to the same
 * stream — the head the earlier one's plan leaves. `append_group` then locks the group's
 * streams and, per append in group order, checks that the head is the planned one and
 * that no event id is stored yet before writing it, so a plan is only written against the
 * state it was made from. An append whose head moved writes nothing, is replanned from a
 * fresh read and goes into a later group, while the others of its group are written.
 * After OPTIMISTIC_ATTEMPTS tries it plans under the stream's lock in a transaction of its
 * own instead, which always progresses. An append is acknowledged only once the
 * transaction that wrote it has committed.
 */
export class PostgresStorageEngine implements StorageEngine {
  private closed = false;
  private readonly heads = new StreamHeadCache(CACHED_HEADS);
  private queue: QueuedAppend[] = [];
  private scheduled = false;
  private inFlight = 0;
  /** Streams with an append in flight, and how many. */
  private readonly busyStreams = new Map<string, number>();
  private outstanding = 0;
  private idle: (() => void)[] = [];
  private groups = 0;
  private grouped = 0;

  constructor(
    private readonly database: PostgresDatabase,
    private readonly notifier: EventNotifier,
  ) {}

  private get s(): string {
    return this.database.schema;
  }

  async append(request: PreparedAppend, now: () => Instant): Promise<AppendResult> {
    this.assertOpen();
    const tenant = toSqlText(request.tenantId);
    const stream = toSqlText(request.streamId);
    this.outstanding += 1;
    try {
      return await new Promise<AppendResult>((resolve, reject) => {
        this.queue.push({
          request,
          now,
          tenant,
          stream,
          key: this.lockKey(tenant, stream),
          attempts: 0,
          resolve,
          reject,
        });
        this.schedule();
      });
    } finally {
      this.outstanding -= 1;
      if (this.outstanding === 0) for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  /** How many group transactions ran and how many appends they carried (for tests and benchmarks). */
  groupStats(): { groups: number; appends: number } {
    return { groups: this.groups, appends: this.grouped };
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

  async scanLog(tenantId: string, range: LogRange): Promise<LogScan> {
    this.assertOpen();
    return scanLog(this.database, WATERMARK, tenantId, range);
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
    // Appends already accepted get their outcome before the pool goes.
    if (this.outstanding > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
    await this.notifier.close();
    await this.database.close();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // On the next turn of the event loop: every append issued in the meantime joins.
    setImmediate(() => {
      this.scheduled = false;
      this.startGroups();
    });
  }

  // Up to GROUPS_IN_FLIGHT group transactions at once, on as many connections, so that the
  // server's own group commit (one WAL flush for concurrent commits) adds to ours. A stream
  // is in one group in flight at most: its next appends wait for that group's outcome, and
  // plan on the head it leaves.
  private startGroups(): void {
    while (this.inFlight < GROUPS_IN_FLIGHT && this.queue.length > 0) {
      const group: QueuedAppend[] = [];
      const waiting: QueuedAppend[] = [];
      let events = 0;
      for (const item of this.queue) {
        const fits =
          group.length < MAX_GROUP_APPENDS &&
          (group.length === 0 || events + item.request.events.length <= MAX_GROUP_EVENTS);
        if (fits && !this.busyStreams.has(item.key)) {
          group.push(item);
          events += item.request.events.length;
        } else {
          waiting.push(item);
        }
      }
      if (group.length === 0) return;
      this.queue = waiting;
      void this.runGroup(group);
    }
  }

  private busy(key: string, change: 1 | -1): void {
    const count = (this.busyStreams.get(key) ?? 0) + change;
    if (count === 0) this.busyStreams.delete(key);
    else this.busyStreams.set(key, count);
  }

  private async runGroup(group: QueuedAppend[]): Promise<void> {
    this.inFlight += 1;
    const keys = new Set(group.map((item) => item.key));
    for (const key of keys) this.busy(key, +1);
    let retry: QueuedAppend[];
    try {
      retry = await this.commitGroup(group);
    } catch (error) {
      // A bug, not a refusal: fail the group rather than leave its appends waiting forever.
      for (const item of group) item.reject(error);
      retry = [];
    }
    for (const key of keys) this.busy(key, -1);
    this.inFlight -= 1;
    // Replanned appends go first, in their order, ahead of the ones that arrived since.
    this.queue.unshift(...retry);
    if (this.queue.length > 0) this.schedule();
  }

  /**
   * Plans and writes one group; settles every append of it or returns it to be tried
   * again (nothing of it written). Never throws.
   */
  private async commitGroup(group: readonly QueuedAppend[]): Promise<QueuedAppend[]> {
    const retry: QueuedAppend[] = [];
    const optimistic: QueuedAppend[] = [];
    for (const item of group) {
      if (item.attempts >= OPTIMISTIC_ATTEMPTS) void this.appendAlone(item);
      else optimistic.push(item);
    }
    if (optimistic.length === 0) return retry;

    // The heads and stored ids of the appends that cannot trust a cached head, in one read.
    const cachedHeads = new Map<QueuedAppend, CachedHead>();
    const unread: QueuedAppend[] = [];
    for (const item of optimistic) {
      const cached = item.attempts === 0 ? this.heads.get(item.key) : undefined;
      if (cached) cachedHeads.set(item, cached);
      else unread.push(item);
    }
    let snapshots: Map<QueuedAppend, StreamSnapshotRow>;
    try {
      snapshots = await this.readSnapshots(unread);
    } catch (error) {
      return this.failed(optimistic, error);
    }

    const writes: PlannedWrite[] = [];
    // Heads as this group's earlier writes leave them, and the ids they write.
    const planned = new Map<string, CachedHead>();
    const ids = new Set<string>();
    for (const item of optimistic) {
      const idKeys = item.request.events.map((e) => `${item.tenant.length}:${item.tenant}${e.eventId}`);
      // The same ids twice in one group: the later append must see the earlier one stored
      // (a retry gets the first result, a reuse is refused), so it waits for the next group.
      if (idKeys.some((k) => ids.has(k))) {
        retry.push(item);
        continue;
      }
      const snapshot = snapshots.get(item);
      const chained = planned.get(item.key);
      const cached = chained ? undefined : cachedHeads.get(item);
      const head = chained ?? cached ?? headOf(snapshot!);
      let plan: AppendPlan;
      try {
        plan = planAppend(item.request, head, existingOf(snapshot), item.now());
      } catch (error) {
        // Against a cached head, or one an earlier append of this group has yet to write,
        // only a fresh read can refuse the expected version.
        if (error instanceof ConcurrencyError && (chained || cached)) {
          if (cached) this.heads.delete(item.key);
          item.attempts += 1;
          retry.push(item);
        } else {
          item.reject(error);
        }
        continue;
      }
      if (plan.kind === 'duplicate') {
        // Its first result, from events already committed.
        item.resolve(plan.result);
        continue;
      }
      const last = plan.events[plan.events.length - 1]!;
      planned.set(item.key, { version: last.version, hash: last.hash });
      for (const k of idKeys) ids.add(k);
      writes.push({ item, plannedVersion: head.version, events: plan.events });
    }
    if (writes.length === 0) return retry;

    let rows: { outcome: 'written' | 'moved' | 'exists'; first_position: string | null }[];
    try {
      rows = await this.database.query(
        'append',
        `SELECT outcome, first_position FROM ${this.s}.append_group($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [
          writes.map((w) => w.item.tenant),
          writes.map((w) => w.item.stream),
          writes.map((w) => w.item.key),
          writes.map((w) => w.plannedVersion),
          writes.map((w) => w.events.length),
          writes.flatMap((w, i) => w.events.map(() => i + 1)),
          ...eventColumns(writes.flatMap((w) => w.events)),
        ],
        'append_group',
      );
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (
        writes.length > 1 &&
        !(error instanceof StoreUnavailableError) &&
        !(typeof code === 'string' && RETRYABLE.has(code))
      ) {
        // Refused for what one append carries, perhaps: each alone, so only that one fails.
        for (const write of writes) retry.push(...(await this.commitGroup([write.item])));
        return retry;
      }
      return [
        ...retry,
        ...this.failed(
          writes.map((w) => w.item),
          error,
        ),
      ];
    }
    this.groups += 1;
    this.grouped += writes.length;
    const tenants = new Set<string>();
    rows.forEach((row, i) => {
      const { item, events } = writes[i]!;
      if (row.outcome !== 'written') {
        // 'moved': someone appended since; 'exists': an id is stored (a retry, or a reused id).
        this.heads.delete(item.key);
        item.attempts += 1;
        retry.push(item);
        return;
      }
      const last = events[events.length - 1]!;
      this.heads.set(item.key, { version: last.version, hash: last.hash });
      const first = Number(row.first_position);
      tenants.add(item.request.tenantId);
      item.resolve(
        appendResultOf(
          item.request.streamId,
          events.map((event, j) => ({ eventId: event.eventId, version: event.version, position: first + j })),
          false,
        ),
      );
    });
    for (const tenant of tenants) this.notifier.committed(tenant);
    return retry;
  }

  /**
   * A group that failed as a whole. A race the database detected rolled it back: its
   * appends are replanned from fresh reads. Anything else (an unavailable server, when the
   * outcome is unknown and a retry with the same ids is safe) is every append's answer.
   */
  private failed(items: readonly QueuedAppend[], error: unknown): QueuedAppend[] {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && RETRYABLE.has(code)) {
      for (const item of items) item.attempts += 1;
      return [...items];
    }
    for (const item of items) item.reject(error);
    return [];
  }

  private async readSnapshots(items: readonly QueuedAppend[]): Promise<Map<QueuedAppend, StreamSnapshotRow>> {
    const snapshots = new Map<QueuedAppend, StreamSnapshotRow>();
    if (items.length === 0) return snapshots;
    const rows = await this.database.query<StreamSnapshotRow & { item: number }>(
      'read stream heads',
      this.streamSnapshotsSql(),
      [
        items.map((_, i) => i),
        items.map((item) => item.tenant),
        items.map((item) => item.stream),
        items.flatMap((item, i) => item.request.events.map(() => i)),
        items.flatMap((item) => item.request.events.map((e) => toSqlText(e.eventId))),
      ],
      'stream_snapshots',
    );
    for (const row of rows) snapshots.set(items[row.item]!, row);
    return snapshots;
  }

  // Planned under the stream's lock in a transaction of its own: for an append that lost
  // the optimistic race too often.
  private async appendAlone(item: QueuedAppend): Promise<void> {
    this.busy(item.key, +1);
    try {
      await this.retryUnderLock(item);
    } finally {
      this.busy(item.key, -1);
      if (this.queue.length > 0) this.schedule();
    }
  }

  private async retryUnderLock(item: QueuedAppend): Promise<void> {
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
        const code = (error as { code?: unknown }).code;
        if (attempt < MAX_APPEND_ATTEMPTS && typeof code === 'string' && RETRYABLE.has(code)) continue;
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
    return planAppend(request, headOf(snapshot), existingOf(snapshot), now());
  }

  // Per append (item): its stream's head and those of its event ids that the tenant already stores.
  private streamSnapshotsSql(): string {
    return `SELECT r.item, h.version AS head_version, h.hash AS head_hash,
              (SELECT json_agg(json_build_object('event_id', e.event_id, 'stream_id', e.stream_id, 'version', e.version,
                                                 'position', e.position, 'fingerprint', e.fingerprint))
                 FROM unnest($4::integer[], $5::text[]) AS i(item, event_id)
                 JOIN ${this.s}.events e ON e.tenant_id = r.tenant AND e.event_id = i.event_id
                WHERE i.item = r.item) AS existing
         FROM unnest($1::integer[], $2::text[], $3::text[]) AS r(item, tenant, stream)
         LEFT JOIN LATERAL (SELECT version, hash FROM ${this.s}.events
                             WHERE tenant_id = r.tenant AND stream_id = r.stream ORDER BY version DESC LIMIT 1) h ON true`;
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

function headOf(snapshot: StreamSnapshotRow): CachedHead {
  return snapshot.head_version === null
    ? EMPTY_STREAM
    : { version: snapshot.head_version, hash: snapshot.head_hash! };
}

function existingOf(snapshot: StreamSnapshotRow | undefined): (eventId: string) => ExistingEvent | undefined {
  const existing = new Map<string, ExistingEvent>(
    (snapshot?.existing ?? []).map((e) => [
      fromSqlText(e.event_id),
      {
        streamId: fromSqlText(e.stream_id),
        version: e.version,
        position: Number(e.position),
        fingerprint: e.fingerprint,
      },
    ]),
  );
  return (eventId) => existing.get(eventId);
}

import type { Instant } from '@vouch/domain';
import type {
  AppendResult,
  LogRange,
  LogScan,
  PreparedAppend,
  StorageEngine,
  StoredEvent,
  StoredRow,
  StreamHead,
  StreamRange,
  StreamTailRange,
  WrappedKeyRecord,
} from '@vouch/event-store';
import { StoreUnavailableError } from '@vouch/event-store';
import { AppendGroupScheduler } from './appends/append-group-scheduler';
import { GroupCommit } from './appends/group-commit';
import { LockedAppend } from './appends/locked-append';
import { streamLockKey } from './appends/queued-append';
import { isConnectionFailure, whileAvailable } from './database/connection-failure';
import type { PostgresDatabase } from './database/postgres-database';
import { fromSqlText, toSqlText } from './database/sql-text';
import type { EventRow } from './events/event-row';
import { EVENT_COLUMNS, fromEventRow, fromEventRowForVerification } from './events/event-row';
import { scanLog } from './events/scan-log';
import { StreamHeadCache } from './events/stream-head-cache';
import type { EventNotifier } from './notifications/event-notifier';

/** A `data_keys` row as `readStreamTailsWithKeys` selects it: subject, wrapped key (base64), created, erased. */
type KeyColumns = [string, string | null, string, string | null];

/** Rows fetched per round trip when iterating a whole tenant or stream. */
const ROWS_PAGE = 1000;
/** Streams whose last written head this process remembers. */
const CACHED_HEADS = 10_000;

// Only transactions older than every one still in flight are visible to the log: a
// position whose transaction is still running may yet commit, so nothing at or after it
// is returned. Positions are handed out in transaction-id order (reserve_positions), so
// this cuts the log at a prefix that can no longer grow.
const WATERMARK = 'transaction_id < pg_snapshot_xmin(pg_current_snapshot())';

/**
 * Durable storage of prepared events in PostgreSQL, with group commit: the appends waiting
 * when a group starts are written by one call in one transaction (one round trip, one
 * commit, one WAL flush). The parts live apart: when appends go and with which others
 * (`AppendGroupScheduler`), how a group is planned (`planGroup`) and written
 * (`GroupCommit`), and the append that plans under its stream's lock after losing the
 * optimistic race too often (`LockedAppend`). An append is acknowledged only once the
 * transaction that wrote it has committed. This class wires them and reads the log.
 */
export class PostgresStorageEngine implements StorageEngine {
  private closed = false;
  private readonly heads = new StreamHeadCache(CACHED_HEADS);
  private readonly groupCommit: GroupCommit;
  private readonly scheduler: AppendGroupScheduler;
  private outstanding = 0;
  private idle: (() => void)[] = [];

  constructor(
    private readonly database: PostgresDatabase,
    private readonly notifier: EventNotifier,
  ) {
    const locked = new LockedAppend(database, this.heads, notifier);
    this.scheduler = new AppendGroupScheduler((group) => this.groupCommit.commit(group));
    this.groupCommit = new GroupCommit(database, this.heads, notifier, (item) =>
      this.scheduler.alone(item.key, () => locked.run(item)),
    );
  }

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
        this.scheduler.enqueue({
          request,
          now,
          tenant,
          stream,
          key: streamLockKey(this.database.schemaName, tenant, stream),
          attempts: 0,
          resolve,
          reject,
        });
      });
    } finally {
      this.outstanding -= 1;
      if (this.outstanding === 0) for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  /** How many group transactions ran, the appends they carried, the groups of one (for tests and benchmarks). */
  groupStats(): { groups: number; appends: number; single: number } {
    return this.groupCommit.stats();
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

  /** Every stream's tail in one statement: one index range per stream (lateral), in the order asked. */
  async readStreamTails(tenantId: string, ranges: readonly StreamTailRange[]): Promise<StoredEvent[][]> {
    return (await this.readStreamTailsWithKeys(tenantId, ranges, [])).pages;
  }

  /**
   * The tails as `readStreamTails` reads them and, in the same statement (the same snapshot),
   * the `data_keys` rows of the subjects named: for a store whose vault keeps its keys in this
   * schema, a command's streams and their erasure state cost one round trip.
   */
  async readStreamTailsWithKeys(
    tenantId: string,
    ranges: readonly StreamTailRange[],
    subjectIds: readonly string[],
  ): Promise<{ pages: StoredEvent[][]; keys: Map<string, WrappedKeyRecord> }> {
    this.assertOpen();
    const pages = ranges.map((): StoredEvent[] => []);
    const keys = new Map<string, WrappedKeyRecord>();
    if (ranges.length === 0 && subjectIds.length === 0) return { pages, keys };
    // A function planned once per connection (migration 9): sent as a statement, its array
    // parameters made the server plan it afresh at every call, five times its execution.
    const rows = await this.database.query<EventRow & { asked: number | null; keys: KeyColumns[] | null }>(
      'read stream tails',
      `SELECT * FROM ${this.s}.read_stream_tails($1, $2::text[], $3::int[], $4::int[], $5::text[])`,
      [
        toSqlText(tenantId),
        ranges.map((range) => toSqlText(range.streamId)),
        ranges.map((range) => range.afterVersion),
        ranges.map((range) => range.limit),
        subjectIds.map(toSqlText),
      ],
      'read_stream_tails',
    );
    for (const row of rows) {
      if (row.asked !== null) {
        pages[row.asked - 1]!.push(fromEventRow(row));
        continue;
      }
      for (const [subjectId, wrapped, createdAt, erasedAt] of row.keys ?? []) {
        keys.set(fromSqlText(subjectId), {
          wrappedKey: wrapped === null ? null : Buffer.from(wrapped, 'base64'),
          createdAt,
          erasedAt,
        });
      }
    }
    return { pages, keys };
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

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('The PostgreSQL event store is closed.');
  }
}

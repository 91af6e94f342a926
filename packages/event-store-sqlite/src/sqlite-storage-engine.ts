import type { Database, Statement } from 'better-sqlite3';
import type { Instant } from '@vouch/domain';
import type {
  AppendResult,
  ExistingEvent,
  LogRange,
  LogScan,
  PreparedAppend,
  ReadableEvent,
  ReadableEventColumns,
  ReplayEventColumns,
  StorageEngine,
  StoredRow,
  StreamHead,
  StreamRange,
  StreamState,
} from '@vouch/event-store';
import {
  CorruptEventError,
  EMPTY_STREAM,
  EventStoreError,
  StoreUnavailableError,
  appendResultOf,
  planAppend,
  readableEventOf,
} from '@vouch/event-store';
import type { EventRow, ReadRow } from './event-rows';
import {
  READ_COLUMNS,
  STREAM_READ_COLUMNS,
  columnsOfReadRow,
  fromRowForVerification,
  replayColumnsOfReadRow,
  toInsertParameters,
} from './event-rows';
import type { BatchOutcome } from './group-commit-queue';
import { GroupCommitQueue } from './group-commit-queue';
import { LIMIT_PARAMETER } from './limit-parameter';
import { OwnCommitMarks } from './own-commit-marks';
import { StreamHeadCache } from './stream-head-cache';
import { streamKey } from './stream-key';

const VERIFY_PAGE = 1000;

interface QueuedAppend {
  readonly request: PreparedAppend;
  readonly now: () => Instant;
  /** The stream's `streamKey`, made once for the head cache and the commit marks. */
  readonly key: string;
}

/**
 * Events in one SQLite file. Appends go through a group-commit queue: every append waiting
 * when a batch starts is checked and written in one IMMEDIATE transaction (one fsync),
 * each against the stream head as the earlier appends of the batch left it. An append that
 * fails its own checks leaves the others alone; a database error fails the whole batch,
 * nothing of it written, and every caller may retry (appends are idempotent).
 */
export class SqliteStorageEngine implements StorageEngine {
  /** Every read decodes its rows afresh (nothing decoded is cached). */
  readonly returnsFreshEvents = true;
  private readonly queue: GroupCommitQueue<QueuedAppend, AppendResult>;
  private readonly listeners = new Set<(tenantId: string) => void>();
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly typeFilters = new Map<number, Statement>();
  private readonly typeFiltersInRange = new Map<number, Statement>();
  private readonly knownHeads = new StreamHeadCache();
  private closed = false;
  /** This connection's commits per stream, which its own `data_version` does not count. */
  private readonly ownCommits = new OwnCommitMarks();
  private readonly dataVersion: Statement;

  constructor(
    readonly db: Database,
    maxBatchSize = 1000,
    /** Told of every failed and successful commit, so readiness sees a full disk. */
    private readonly health?: { failed(error: unknown): void; succeeded(): void },
  ) {
    this.statements = prepareStatements(db);
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
    // Other connections' commits counted inside the write transaction, where none can land.
    const commitBatch = db.transaction((batch: readonly QueuedAppend[]) => {
      const others = this.dataVersion.get() as number;
      // Every stream this commit writes has its mark as of the commit (see `writeMark`): made
      // once, and set on each result as it is built (a commit that fails returns no result).
      const writeMark = `${others}.${this.ownCommits.upcoming()}`;
      const outcomes = new Array<BatchOutcome<AppendResult>>(batch.length);
      // One stamp per transaction (and clock): the appends of a group are recorded by one commit.
      let clock: (() => Instant) | undefined;
      let recordedAt = '' as Instant;
      for (let i = 0; i < batch.length; i += 1) {
        const item = batch[i]!;
        if (item.now !== clock) {
          clock = item.now;
          recordedAt = clock();
        }
        outcomes[i] = this.appendOne(item, recordedAt, writeMark);
      }
      return outcomes;
    });
    this.queue = new GroupCommitQueue((batch) => {
      let outcomes: BatchOutcome<AppendResult>[];
      try {
        outcomes = commitBatch.immediate(batch);
        this.ownCommits.committed(batch.map((item) => item.key));
        this.health?.succeeded();
      } catch (error) {
        this.knownHeads.clear(); // the heads this transaction wrote were rolled back
        this.health?.failed(error);
        throw new StoreUnavailableError(
          'The event store could not commit; nothing of this append was written.',
          error,
        );
      }
      this.notify(batch, outcomes);
      return outcomes;
    }, maxBatchSize);
  }

  append(request: PreparedAppend, now: () => Instant): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new StoreUnavailableError('The SQLite event store is closed.'));
    return this.queue.submit({ request, now, key: streamKey(request.tenantId, request.streamId) });
  }

  async readStream(tenantId: string, streamId: string, range: StreamRange): Promise<ReadableEvent[]> {
    return this.decodeAll(tenantId, this.streamRows(tenantId, streamId, range));
  }

  async readStreamColumns(
    tenantId: string,
    streamId: string,
    range: StreamRange,
  ): Promise<ReadableEventColumns[]> {
    return this.decodeColumns(tenantId, this.streamRows(tenantId, streamId, range));
  }

  async readStreamReplayColumns(
    tenantId: string,
    streamId: string,
    range: StreamRange,
  ): Promise<ReplayEventColumns[]> {
    return this.decodeRows(tenantId, this.streamRows(tenantId, streamId, range), replayColumnsOfReadRow);
  }

  async readLog(tenantId: string, range: LogRange): Promise<ReadableEvent[]> {
    return this.decodeAll(tenantId, this.logRows(tenantId, range));
  }

  async readLogColumns(tenantId: string, range: LogRange): Promise<ReadableEventColumns[]> {
    return this.decodeColumns(tenantId, this.logRows(tenantId, range));
  }

  private streamRows(tenantId: string, streamId: string, range: StreamRange): ReadRow[] {
    const limit = range.limit ?? -1;
    const rows = (
      range.direction === 'forwards'
        ? this.run(() => this.statements.readForwards.all(tenantId, streamId, range.fromVersion ?? 1, limit))
        : this.run(() =>
            this.statements.readBackwards.all(
              tenantId,
              streamId,
              range.fromVersion ?? Number.MAX_SAFE_INTEGER,
              limit,
            ),
          )
    ) as ReadRow[];
    // `stream_id = ?` matched it byte for byte (binary collation): the caller's id is the stored one.
    for (let i = 0; i < rows.length; i += 1) rows[i]![1] = streamId;
    return rows;
  }

  private logRows(tenantId: string, range: LogRange): ReadRow[] {
    return this.run(() =>
      range.types
        ? this.typeFilter(range.types.length).all(tenantId, range.afterPosition, ...range.types, range.limit)
        : this.statements.readLog.all(tenantId, range.afterPosition, range.limit),
    ) as ReadRow[];
  }

  async scanLog(tenantId: string, range: LogRange): Promise<LogScan> {
    return this.run(() => {
      if (!range.types) {
        const rows = this.statements.readLog.all(tenantId, range.afterPosition, range.limit) as ReadRow[];
        return {
          events: this.decodeAll(tenantId, rows),
          scannedTo: rows.length > 0 ? rows[rows.length - 1]![0] : range.afterPosition,
          reachedEnd: rows.length < range.limit,
        };
      }
      // The window first (positions only, the rowid range), then the wanted types inside it:
      // positions are visible in order, so nothing new can appear inside a window once seen.
      const window = this.statements.scanWindow.get(tenantId, range.afterPosition, range.limit) as {
        scanned: number;
        last: number | null;
      };
      if (window.last === null) return { events: [], scannedTo: range.afterPosition, reachedEnd: true };
      const rows = this.typeFilterInRange(range.types.length).all(
        tenantId,
        range.afterPosition,
        window.last,
        ...range.types,
      ) as ReadRow[];
      return {
        events: this.decodeAll(tenantId, rows),
        scannedTo: window.last,
        reachedEnd: window.scanned < range.limit,
      };
    });
  }

  async streamVersion(tenantId: string, streamId: string): Promise<number> {
    return this.head(tenantId, streamId).version;
  }

  async *rows(tenantId: string, streamId?: string): AsyncIterable<StoredRow> {
    // Pages, not one open cursor: appends may run between two pages on this connection.
    // A tenant is paged by position, a stream by version (its index order).
    let after = 0;
    for (;;) {
      const page = this.run(() =>
        streamId === undefined
          ? this.statements.logPage.all(tenantId, after, VERIFY_PAGE)
          : this.statements.streamPage.all(tenantId, streamId, after, VERIFY_PAGE),
      ) as EventRow[];
      for (const row of page) yield fromRowForVerification(row);
      if (page.length < VERIFY_PAGE) return;
      const last = page[page.length - 1]!;
      after = streamId === undefined ? last.position : last.version;
    }
  }

  async streamHeads(tenantId: string, atPosition: number): Promise<StreamHead[]> {
    const rows = this.run(() => this.statements.heads.all(tenantId, atPosition)) as {
      stream_id: string;
      version: number;
      hash: string;
    }[];
    return rows.map((row) => ({ streamId: row.stream_id, version: row.version, hash: row.hash }));
  }

  async lastPosition(tenantId: string): Promise<number> {
    const row = this.run(() => this.statements.lastPosition.get(tenantId)) as
      { position: number } | undefined;
    return row?.position ?? 0;
  }

  /**
   * Changes whenever the stream may have been appended to since the last mark: on any commit
   * to the file by another connection or process (SQLite's `data_version`, one statement
   * that reads no table) and on every commit of this connection that wrote the stream.
   */
  writeMark(tenantId: string, streamId: string): string {
    const others = this.run(() => this.dataVersion.get() as number);
    return `${others}.${this.ownCommits.of(streamKey(tenantId, streamId))}`;
  }

  watch(listener: (tenantId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Moves everything into the main file and empties the write-ahead log. */
  async checkpointWal(): Promise<void> {
    this.run(() => this.db.pragma('wal_checkpoint(TRUNCATE)'));
  }

  async afterErasure(): Promise<void> {
    // The destroyed key may still sit in older frames of the WAL: fold and truncate it.
    await this.queue.drained();
    await this.checkpointWal();
  }

  /** Group-commit figures: transactions run and appends they carried. */
  commitStats(): { batches: number; requests: number } {
    return this.queue.stats();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.drained();
    this.listeners.clear();
    if (this.db.open) {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.db.close();
    }
  }

  private appendOne(item: QueuedAppend, recordedAt: Instant, writeMark: string): BatchOutcome<AppendResult> {
    return (
      (item.request.events.length === 1 && this.appendOptimistically(item, recordedAt, writeMark)) ||
      this.appendChecked(item, recordedAt, writeMark)
    );
  }

  /**
   * One event planned against the head this process remembers (or reads), its id checked
   * by the unique index instead of a look-up: one INSERT. Anything else than a clean write
   * (a stale head, a refusal, an id already stored) gives up, having written nothing, and
   * the append goes the checked way, which decides it as if this never ran.
   */
  private appendOptimistically(
    { request, key }: QueuedAppend,
    recordedAt: Instant,
    writeMark: string,
  ): BatchOutcome<AppendResult> | undefined {
    const { tenantId, streamId } = request;
    const head = this.knownHeads.get(key) ?? this.head(tenantId, streamId);
    let plan;
    try {
      plan = planAppend(request, head, noLookUp, recordedAt);
    } catch (error) {
      if (error instanceof EventStoreError) return undefined;
      throw error;
    }
    if (plan.kind === 'duplicate') return undefined; // cannot happen without a look-up
    const event = plan.events[0]!;
    let position: number;
    try {
      position = Number(
        this.statements.insert.run(...toInsertParameters(event, request.events[0]!)).lastInsertRowid,
      );
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
    this.knownHeads.set(key, { version: event.version, hash: event.hash });
    const written = [{ eventId: event.eventId, version: event.version, position }];
    return { ok: true, value: appendResultOf(streamId, written, false, recordedAt, writeMark) };
  }

  /** The reference path: head and every event id read from the file, then planned and written. */
  private appendChecked(
    { request, key }: QueuedAppend,
    recordedAt: Instant,
    writeMark: string,
  ): BatchOutcome<AppendResult> {
    const { tenantId, streamId } = request;
    const head = this.head(tenantId, streamId);
    this.knownHeads.set(key, head);
    let plan;
    try {
      plan = planAppend(
        request,
        head,
        (eventId) => this.statements.findEvent.get(tenantId, eventId) as ExistingEvent | undefined,
        recordedAt,
      );
    } catch (error) {
      // The append's own refusal (version, idempotency): the rest of the batch goes on.
      if (error instanceof EventStoreError) return { ok: false, error };
      throw error;
    }
    if (plan.kind === 'duplicate') return { ok: true, value: plan.result };
    const written = plan.events.map((event, i) => {
      const info = this.statements.insert.run(...toInsertParameters(event, request.events[i]!));
      return { eventId: event.eventId, version: event.version, position: Number(info.lastInsertRowid) };
    });
    const last = plan.events[plan.events.length - 1]!;
    this.knownHeads.set(key, { version: last.version, hash: last.hash });
    return { ok: true, value: appendResultOf(streamId, written, false, recordedAt, writeMark) };
  }

  // One prepared statement per number of filtered types.
  private typeFilterInRange(count: number): Statement {
    let statement = this.typeFiltersInRange.get(count);
    if (!statement) {
      statement = this.db
        .prepare(
          `SELECT ${READ_COLUMNS} FROM events WHERE +tenant_id = ? AND position > ? AND position <= ?
           AND type IN (${Array(count).fill('?').join(',')}) ORDER BY position`,
        )
        .raw(true);
      this.typeFiltersInRange.set(count, statement);
    }
    return statement;
  }

  private typeFilter(count: number): Statement {
    let statement = this.typeFilters.get(count);
    if (!statement) {
      statement = this.db
        .prepare(
          `SELECT ${READ_COLUMNS} FROM events WHERE +tenant_id = ? AND position > ?
           AND type IN (${Array(count).fill('?').join(',')}) ORDER BY position ${LIMIT_PARAMETER}`,
        )
        .raw(true);
      this.typeFilters.set(count, statement);
    }
    return statement;
  }

  private head(tenantId: string, streamId: string): StreamState {
    const row = this.statements.head.get(tenantId, streamId) as StreamState | undefined;
    return row ?? EMPTY_STREAM;
  }

  private notify(batch: readonly QueuedAppend[], outcomes: readonly BatchOutcome<AppendResult>[]): void {
    const tenants = new Set<string>();
    outcomes.forEach((outcome, i) => {
      if (outcome.ok && !outcome.value.duplicate) tenants.add(batch[i]!.request.tenantId);
    });
    for (const tenantId of tenants) for (const listener of this.listeners) listener(tenantId);
  }

  // The object form of the same decoding, for readers that do not build from columns.
  private decodeAll(tenantId: string, rows: readonly ReadRow[]): ReadableEvent[] {
    return this.decodeColumns(tenantId, rows).map((columns) => readableEventOf(tenantId, columns));
  }

  private decodeColumns(tenantId: string, rows: readonly ReadRow[]): ReadableEventColumns[] {
    return this.decodeRows(tenantId, rows, columnsOfReadRow);
  }

  // Decodes every row in place; a damaged one fails the read, naming its event.
  private decodeRows<T>(tenantId: string, rows: readonly ReadRow[], decode: (row: ReadRow) => T): T[] {
    for (let i = 0; i < rows.length; i += 1) {
      const row = rows[i]!;
      try {
        decode(row);
      } catch (error) {
        throw new CorruptEventError(tenantId, row[1], row[2], (error as Error).message);
      }
    }
    return rows as unknown as T[];
  }

  private run<T>(read: () => T): T {
    if (this.closed || !this.db.open) throw new StoreUnavailableError('The SQLite event store is closed.');
    try {
      return read();
    } catch (error) {
      if (error instanceof EventStoreError) throw error;
      throw new StoreUnavailableError('The SQLite event store could not be read.', error);
    }
  }
}

const noLookUp = (): undefined => undefined;

/** A refused INSERT that SQLite backed out on its own, leaving the transaction going. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

function prepareStatements(db: Database): Record<string, Statement> & {
  insert: Statement;
  head: Statement;
  findEvent: Statement;
  readForwards: Statement;
  readBackwards: Statement;
  readLog: Statement;
  logPage: Statement;
  scanWindow: Statement;
  streamPage: Statement;
  heads: Statement;
  lastPosition: Statement;
} {
  return {
    insert: db.prepare(
      `INSERT INTO events (tenant_id, stream_id, version, event_id, type, schema_version, data, personal, metadata,
                           recorded_at, fingerprint, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    head: db.prepare(
      'SELECT version, hash FROM events WHERE tenant_id = ? AND stream_id = ? ORDER BY version DESC LIMIT 1',
    ),
    findEvent: db.prepare(
      'SELECT stream_id AS streamId, version, position, fingerprint FROM events WHERE tenant_id = ? AND event_id = ?',
    ),
    readForwards: db
      .prepare(
        `SELECT ${STREAM_READ_COLUMNS} FROM events WHERE tenant_id = ? AND stream_id = ? AND version >= ?
         ORDER BY version ${LIMIT_PARAMETER}`,
      )
      .raw(true),
    readBackwards: db
      .prepare(
        `SELECT ${STREAM_READ_COLUMNS} FROM events WHERE tenant_id = ? AND stream_id = ? AND version <= ?
         ORDER BY version DESC ${LIMIT_PARAMETER}`,
      )
      .raw(true),
    // `+tenant_id`: without it SQLite picks events_by_id for the tenant and sorts the whole
    // log in a temporary B-tree for every page (quadratic over a catch-up); the rowid range is the plan.
    readLog: db
      .prepare(
        `SELECT ${READ_COLUMNS} FROM events WHERE +tenant_id = ? AND position > ? ORDER BY position ${LIMIT_PARAMETER}`,
      )
      .raw(true),
    // Verification's pages: every column, integrity ones included.
    logPage: db.prepare(
      `SELECT * FROM events WHERE +tenant_id = ? AND position > ? ORDER BY position ${LIMIT_PARAMETER}`,
    ),
    scanWindow: db.prepare(
      `SELECT count(*) AS scanned, max(position) AS last FROM
         (SELECT position FROM events WHERE +tenant_id = ? AND position > ? ORDER BY position ${LIMIT_PARAMETER})`,
    ),
    streamPage: db.prepare(
      `SELECT * FROM events WHERE tenant_id = ? AND stream_id = ? AND position > ? ORDER BY position ${LIMIT_PARAMETER}`,
    ),
    // SQLite takes the bare column `hash` from the row that holds MAX(version).
    heads: db.prepare(
      'SELECT stream_id, MAX(version) AS version, hash FROM events WHERE tenant_id = ? AND position <= ? GROUP BY stream_id',
    ),
    lastPosition: db.prepare(
      'SELECT position FROM events WHERE +tenant_id = ? ORDER BY position DESC LIMIT 1',
    ),
  };
}

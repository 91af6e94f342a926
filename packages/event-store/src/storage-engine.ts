import type { Instant } from '@vouch/domain';
import type { AppendResult } from './append/append-result';
import type { PreparedAppend } from './append/prepared-append';
import type {
  ReadableEvent,
  ReadableEventColumns,
  ReplayEventColumns,
  StoredRow,
  StreamHead,
} from './stored-event';

/** Which part of a stream to read, in what direction. */
export interface StreamRange {
  readonly direction: 'forwards' | 'backwards';
  /** Inclusive; default the first (forwards) or last (backwards) event. */
  readonly fromVersion?: number;
  readonly limit?: number;
}

/** One stream's part of a batched read: the events after `afterVersion`, at most `limit`. */
export interface StreamTailRange {
  readonly streamId: string;
  readonly afterVersion: number;
  readonly limit: number;
}

/** Which part of a tenant's log to read. */
export interface LogRange {
  /** Read events after this global position (exclusive). */
  readonly afterPosition: number;
  /** Only these event types, when given. */
  readonly types?: readonly string[];
  readonly limit: number;
}

/**
 * One window of a tenant's log as a filtered reader sees it: the events of the wanted
 * types among the next `limit` events, and how far the window reached, so the reader's
 * checkpoint can move past events it does not care about instead of scanning them again.
 */
export interface LogScan {
  readonly events: ReadableEvent[];
  /** The position of the last event examined; the range's `afterPosition` when none was. */
  readonly scannedTo: number;
  /** Fewer than `limit` events were examined: the window reached the end of the visible log. */
  readonly reachedEnd: boolean;
}

/**
 * What an adapter implements: durable, atomic storage of prepared events. Validation,
 * encryption, decoding, upcasting, verification and subscriptions live in the core
 * (`EngineEventStore`), so every adapter behaves the same. An adapter must run
 * `planAppend` inside the transaction that writes its rows, and must make positions
 * visible in order: a reader that has seen position p never later finds a new event < p.
 */
export interface StorageEngine {
  /** Appends atomically (all events or none); `now` stamps `recordedAt`. */
  append(request: PreparedAppend, now: () => Instant): Promise<AppendResult>;
  readStream(tenantId: string, streamId: string, range: StreamRange): Promise<ReadableEvent[]>;
  /**
   * Optional: several streams' tails in one read, each as `readStream` forwards from
   * `afterVersion + 1` with the same limit returns it, in the order asked. Without it the
   * core reads them one by one.
   */
  readStreamTails?(tenantId: string, ranges: readonly StreamTailRange[]): Promise<ReadableEvent[][]>;
  readLog(tenantId: string, range: LogRange): Promise<ReadableEvent[]>;
  /**
   * Examines the next `range.limit` events after `afterPosition` (every type) and returns
   * those of `range.types`; the window is bounded by events examined, not events returned.
   */
  scanLog(tenantId: string, range: LogRange): Promise<LogScan>;
  /** The stream's current version, 0 when it has no events. */
  streamVersion(tenantId: string, streamId: string): Promise<number>;
  /** Raw rows in log order (of one stream, or the whole tenant), undecodable ones flagged. */
  rows(tenantId: string, streamId?: string): AsyncIterable<StoredRow>;
  /** The head of every stream of the tenant, counting only events at or before a position. */
  streamHeads(tenantId: string, atPosition: number): Promise<StreamHead[]>;
  /** The tenant's last global position, 0 when it has no events. */
  lastPosition(tenantId: string): Promise<number>;
  /** Calls the listener after each commit that wrote events of a tenant (same process). */
  watch(listener: (tenantId: string) => void): () => void;
  /**
   * True when every event a read returns (its data included) was built for that read and is
   * kept nowhere by the engine, so the core may complete it in place; leave it unset when
   * reads hand out stored or cached objects (the in-memory engine's frozen events).
   */
  readonly returnsFreshEvents?: boolean;
  /**
   * Optional, only with `returnsFreshEvents`: `readStream` and `readLog` as column arrays built
   * for that read alone (same events, order and errors), so the core builds one event object
   * per event instead of two.
   */
  readStreamColumns?(tenantId: string, streamId: string, range: StreamRange): Promise<ReadableEventColumns[]>;
  readLogColumns?(tenantId: string, range: LogRange): Promise<ReadableEventColumns[]>;
  /**
   * Optional, only with `returnsFreshEvents`: `readStreamColumns` with each metadata left as its
   * stored JSON text (same events, order and errors but a damaged metadata text), for a replay.
   */
  readStreamReplayColumns?(
    tenantId: string,
    streamId: string,
    range: StreamRange,
  ): Promise<ReplayEventColumns[]>;
  /** Called after a subject's key was destroyed, to purge remnants (e.g. a write-ahead log). */
  afterErasure?(): Promise<void>;
  close(): Promise<void>;
}

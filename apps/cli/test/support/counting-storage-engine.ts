import type { Instant } from '@vouch/domain';
import {
  InMemoryStorageEngine,
  type AppendResult,
  type LogRange,
  type LogScan,
  type PreparedAppend,
  type StoredEvent,
} from '@vouch/event-store';

/**
 * The in-memory engine, counting what each filtered reader costs: for every read of the
 * log, the events a database must examine to answer it (the rows from the reader's position
 * to where the answer stops — the end of the log when a filtered page comes back short),
 * keyed by the event types asked for, which tell the subscribers apart (unfiltered reads
 * under one key of their own). It also counts the
 * events appended. One tenant, so positions are dense and a position difference is a count.
 */
export class CountingStorageEngine extends InMemoryStorageEngine {
  appended = 0;
  private readonly examinedByTypes = new Map<string, number>();

  override async append(request: PreparedAppend, now: () => Instant): Promise<AppendResult> {
    const result = await super.append(request, now);
    if (!result.duplicate) this.appended += request.events.length;
    return result;
  }

  override async readLog(tenantId: string, range: LogRange): Promise<StoredEvent[]> {
    const events = await super.readLog(tenantId, range);
    const stop =
      events.length === range.limit ? events[events.length - 1]!.position : await this.lastPosition(tenantId);
    this.count(range, stop - range.afterPosition);
    return events;
  }

  override async scanLog(tenantId: string, range: LogRange): Promise<LogScan> {
    const scan = await super.scanLog(tenantId, range);
    this.count(range, scan.scannedTo - range.afterPosition);
    return scan;
  }

  /** The events examined so far for readers of exactly these types. */
  examined(types: readonly string[]): number {
    return this.examinedByTypes.get(keyOf(types)) ?? 0;
  }

  /** The events examined so far by unfiltered reads (the read models', and the tail read subscriptions share). */
  examinedUnfiltered(): number {
    return this.examinedByTypes.get(UNFILTERED) ?? 0;
  }

  private count(range: LogRange, examined: number): void {
    const key = range.types ? keyOf(range.types) : UNFILTERED;
    this.examinedByTypes.set(key, (this.examinedByTypes.get(key) ?? 0) + examined);
  }
}

const UNFILTERED = '*';
const keyOf = (types: readonly string[]): string => [...types].sort().join(',');

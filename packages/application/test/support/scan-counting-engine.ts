import { InMemoryStorageEngine, type LogRange, type LogScan, type StoredEvent } from '@vouch/event-store';

/**
 * The in-memory engine, counting the events a filtered reader makes the store examine: from
 * the reader's position to where the answer stops (for a scan, how far it looked). One
 * tenant, so positions are dense and a position difference is a count. (The CLI's seed test
 * keeps a per-reader variant; this one only needs the total.)
 */
export class ScanCountingEngine extends InMemoryStorageEngine {
  /** Events examined by filtered readers. */
  examined = 0;
  /** Events examined by every reader of the log, filtered or not. */
  examinedByAll = 0;

  override async readLog(tenantId: string, range: LogRange): Promise<StoredEvent[]> {
    const events = await super.readLog(tenantId, range);
    const stop =
      events.length === range.limit ? events[events.length - 1]!.position : await this.lastPosition(tenantId);
    if (range.types) this.examined += stop - range.afterPosition;
    this.examinedByAll += stop - range.afterPosition;
    return events;
  }

  override async scanLog(tenantId: string, range: LogRange): Promise<LogScan> {
    const scan = await super.scanLog(tenantId, range);
    if (range.types) this.examined += scan.scannedTo - range.afterPosition;
    this.examinedByAll += scan.scannedTo - range.afterPosition;
    return scan;
  }
}

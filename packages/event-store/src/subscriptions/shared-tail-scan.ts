import type { LogRange, LogScan } from '../storage-engine';
import type { ReadableEvent } from '../stored-event';

interface ScanRequest {
  readonly after: number;
  readonly limit: number;
  readonly types: ReadonlySet<string> | undefined;
  readonly resolve: (scan: LogScan) => void;
  readonly reject: (error: unknown) => void;
}

/** Raw events kept for subscribers near the tail; a reader further behind scans the store itself. */
const DEFAULT_KEEP = 2048;

/**
 * One scan of a tenant's log for all of its subscriptions at the tail. A commit wakes every
 * subscription of the tenant; each asks for the events after its checkpoint. The requests of
 * one microtask turn are answered together: the store is read once, unfiltered, from
 * where the last shared read stopped, and every subscription whose checkpoint lies in the
 * window held gets its page from it (its own types, at most its own `limit` events examined,
 * `scannedTo` and `reachedEnd` as the store would say). A subscription behind the window
 * (catching up) or ahead of it reads the store directly, as without sharing.
 *
 * The window is contiguous — every event of the tenant in (from, to], because each shared
 * read starts where the previous one stopped and stores make positions visible in order —
 * so a page cut from it equals a page read from the store. It holds the store's raw rows
 * (personal data still encrypted): decoding stays per reader and per read, so an erasure
 * shows at once and no decrypted value is kept here.
 */
export class SharedTailScan {
  private pending: ScanRequest[] = [];
  private scheduled = false;
  private flushing = false;
  /** Every raw event of the tenant in (from, to], in log order; empty until the first shared read. */
  private window: ReadableEvent[] = [];
  private from = 0;
  private to = 0;
  private started = false;
  private atEnd = false;

  constructor(
    private readonly scanLog: (range: LogRange) => Promise<LogScan>,
    private readonly keep = DEFAULT_KEEP,
  ) {}

  /** The wanted events among the next `limit` after `after`, and how far that looked. */
  scan(after: number, limit: number, types: readonly string[] | undefined): Promise<LogScan> {
    return new Promise((resolve, reject) => {
      this.pending.push({ after, limit, types: types ? new Set(types) : undefined, resolve, reject });
      this.schedule();
    });
  }

  // Reads after the microtasks already queued: the subscriptions one commit woke all ask
  // before it (each wake-up resumes in the same microtask turn), and none waits a turn of
  // the event loop, so a reader of what they maintain sees them as current as before.
  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    queueMicrotask(() => void this.flush());
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        await this.answer(batch);
      }
    } finally {
      this.flushing = false;
      if (this.pending.length > 0) this.schedule();
    }
  }

  private async answer(batch: readonly ScanRequest[]): Promise<void> {
    let shared = batch.filter((request) => this.holds(request.after));
    if (shared.length === 0) {
      // Nobody is in the window: start a fresh one at the furthest reader (most likely at the tail).
      const furthest = Math.max(...batch.map((request) => request.after));
      this.window = [];
      this.from = this.to = furthest;
      this.started = true;
      shared = batch.filter((request) => request.after === furthest);
    }
    try {
      const page = await this.scanLog({
        afterPosition: this.to,
        limit: Math.max(...shared.map((request) => request.limit)),
      });
      for (const event of page.events) this.window.push(event);
      this.to = page.scannedTo;
      this.atEnd = page.reachedEnd;
      for (const request of shared) request.resolve(this.cut(request));
      this.trim();
    } catch (error) {
      for (const request of shared) request.reject(error);
    }
    for (const request of batch) {
      if (shared.includes(request)) continue;
      try {
        request.resolve(
          await this.scanLog({
            afterPosition: request.after,
            limit: request.limit,
            ...(request.types ? { types: [...request.types] } : {}),
          }),
        );
      } catch (error) {
        request.reject(error);
      }
    }
  }

  private holds(after: number): boolean {
    return this.started && after >= this.from && after <= this.to;
  }

  /** The page the store would answer for this request, cut from the window. */
  private cut(request: ScanRequest): LogScan {
    const first = firstAfter(this.window, request.after);
    const examined = this.window.length - first;
    const end = examined > request.limit ? first + request.limit : this.window.length;
    const events: ReadableEvent[] = [];
    for (let i = first; i < end; i += 1) {
      const event = this.window[i]!;
      if (!request.types || request.types.has(event.type)) events.push(event);
    }
    if (end < this.window.length) {
      return { events, scannedTo: this.window[end - 1]!.position, reachedEnd: false };
    }
    // As the store says it: the end is reached when fewer than `limit` events were examined.
    return {
      events,
      scannedTo: Math.max(this.to, request.after),
      reachedEnd: this.atEnd && examined < request.limit,
    };
  }

  private trim(): void {
    const excess = this.window.length - this.keep;
    if (excess <= 0) return;
    this.from = this.window[excess - 1]!.position;
    this.window = this.window.slice(excess);
  }
}

/** The index of the first event after a position (binary search; the window is in log order). */
function firstAfter(window: readonly ReadableEvent[], after: number): number {
  let low = 0;
  let high = window.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (window[middle]!.position <= after) low = middle + 1;
    else high = middle;
  }
  return low;
}

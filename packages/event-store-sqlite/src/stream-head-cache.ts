import type { StreamState } from '@vouch/event-store';

/**
 * The heads of streams this process last wrote or read inside a write transaction, so a
 * sequential append needs no head `SELECT`. Only a hint: the unique index on
 * (tenant, stream, version) refuses an insert planned against a stale head (another
 * process wrote the stream), and the append is then planned again from the file.
 * Cleared when a transaction fails, since its heads were never committed. Bounded: the
 * oldest entry leaves when it is full.
 */
export class StreamHeadCache {
  private readonly heads = new Map<string, StreamState>();

  constructor(private readonly capacity = 10_000) {}

  /** The remembered head of the stream (its `streamKey`), if any. */
  get(key: string): StreamState | undefined {
    return this.heads.get(key);
  }

  /** Remembers a head read or written in the current transaction. */
  set(key: string, head: StreamState): void {
    this.heads.delete(key); // re-inserted last: the most recently used leave last
    this.heads.set(key, head);
    if (this.heads.size > this.capacity) this.heads.delete(this.heads.keys().next().value!);
  }

  /** Forgets everything (a transaction that wrote some of these heads rolled back). */
  clear(): void {
    this.heads.clear();
  }
}

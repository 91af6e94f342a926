/** The outcome of one request within a committed batch. */
export type BatchOutcome<R> =
  { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

interface Pending<T, R> {
  readonly request: T;
  resolve(value: R): void;
  reject(error: unknown): void;
}

/**
 * Group commit: requests submitted while a batch is waiting to run (or running) are
 * committed together by one call of `commit`, which gives each its own outcome. A batch
 * starts on the next turn of the event loop after the first request arrives, so every
 * request issued in the meantime (e.g. 64 concurrent commands) joins it; a sequential
 * caller pays one event-loop turn. If `commit` throws, every request of the batch fails.
 */
export class GroupCommitQueue<T, R> {
  private queue: Pending<T, R>[] = [];
  private scheduled = false;
  private idle: (() => void)[] = [];
  private batches = 0;
  private requests = 0;

  constructor(
    private readonly commit: (requests: readonly T[]) => readonly BatchOutcome<R>[],
    private readonly maxBatchSize = 1000,
  ) {}

  /** Queues a request; resolves or rejects with its own outcome once its batch committed. */
  submit(request: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when every request submitted so far has its outcome. */
  drained(): Promise<void> {
    if (this.queue.length === 0 && !this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** How many batches ran and how many requests they carried. */
  stats(): { batches: number; requests: number } {
    return { batches: this.batches, requests: this.requests };
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue.splice(0, this.maxBatchSize);
    if (this.queue.length > 0) this.schedule();
    if (batch.length > 0) {
      this.batches += 1;
      this.requests += batch.length;
      let outcomes: readonly BatchOutcome<R>[];
      try {
        outcomes = this.commit(batch.map((p) => p.request));
      } catch (error) {
        for (const pending of batch) pending.reject(error);
        outcomes = [];
      }
      outcomes.forEach((outcome, i) => {
        const pending = batch[i]!;
        if (outcome.ok) pending.resolve(outcome.value);
        else pending.reject(outcome.error);
      });
    }
    if (this.queue.length === 0 && !this.scheduled) {
      for (const resolve of this.idle.splice(0)) resolve();
    }
  }
}

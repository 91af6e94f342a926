import type { Checkpoint } from '@vouch/event-store';

interface Waiter {
  readonly checkpoint: Checkpoint;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * How far a reader has got through a log, and who waits for it to get somewhere: a wait
 * resolves when the reader reaches the checkpoint or ends, and rejects when it fails.
 */
export class CheckpointProgress {
  private at: Checkpoint | undefined;
  private waiters: Waiter[] = [];
  private ended = false;
  private failure: { error: unknown } | undefined;

  /** Resolves once the reader has reached `checkpoint` (at once when it has, or has ended). */
  reached(checkpoint: Checkpoint): Promise<void> {
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.ended || (this.at !== undefined && checkpoint <= this.at)) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ checkpoint, resolve, reject }));
  }

  /** The reader got to `checkpoint` (never moves back). */
  advance(checkpoint: Checkpoint): void {
    if (this.at !== undefined && checkpoint <= this.at) return;
    this.at = checkpoint;
    if (this.waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.checkpoint <= checkpoint) waiter.resolve();
      else still.push(waiter);
    }
    this.waiters = still;
  }

  /** The reader stopped: nothing more will happen, so nobody waits. */
  end(): void {
    this.ended = true;
    for (const waiter of this.waiters) waiter.resolve();
    this.waiters = [];
  }

  /** The reader failed: every wait rejects with its error. */
  fail(error: unknown): void {
    this.failure = { error };
    for (const waiter of this.waiters) waiter.reject(error);
    this.waiters = [];
  }
}

import type { Checkpoint } from '../checkpoint';
import type { RecordedEvent } from '../recorded-event';
import type { Subscription } from './subscription';

/** What a catch-up subscription needs from a store. */
export interface CatchUpSource {
  /** Events after a checkpoint in log order, at most `limit`. */
  read(after: Checkpoint, limit: number): Promise<RecordedEvent[]>;
  /** Calls back when new events may exist; returns the unsubscribe function. */
  watch(onChange: () => void): () => void;
}

/**
 * Reads pages of history after its checkpoint until a page comes back empty, then waits
 * for a wake-up (a local commit or the poll timer) and reads again. It only ever asks for
 * events after the last one it handled, so there is no gap and no duplicate, provided the
 * store makes positions visible in order.
 */
export class CatchUpSubscription implements Subscription {
  readonly caughtUp: Promise<void>;
  readonly done: Promise<void>;
  private current: Checkpoint;
  private stopped = false;
  private changed = false;
  private wake: (() => void) | undefined;
  private markCaughtUp!: () => void;

  constructor(
    private readonly source: CatchUpSource,
    after: Checkpoint,
    private readonly handler: (event: RecordedEvent) => void | Promise<void>,
    private readonly batchSize: number,
    private readonly pollIntervalMs: number,
  ) {
    this.current = after;
    this.caughtUp = new Promise((resolve) => (this.markCaughtUp = resolve));
    this.done = this.run();
    // A failed subscription's `done` must not crash the process when nobody awaits it.
    this.done.catch(() => undefined);
  }

  get checkpoint(): Checkpoint {
    return this.current;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.done.catch(() => undefined);
  }

  private async run(): Promise<void> {
    const unwatch = this.source.watch(() => {
      this.changed = true;
      this.wake?.();
    });
    try {
      while (!this.stopped) {
        this.changed = false;
        const page = await this.source.read(this.current, this.batchSize);
        for (const event of page) {
          if (this.stopped) return;
          if (event.checkpoint <= this.current) continue; // defensive: never deliver twice
          await this.handler(event);
          this.current = event.checkpoint;
        }
        if (page.length < this.batchSize) {
          this.markCaughtUp();
          if (!this.changed && !this.stopped) await this.sleep();
        }
      }
    } finally {
      unwatch();
      this.markCaughtUp();
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(finish, this.pollIntervalMs);
      timer.unref?.();
      this.wake = finish;
    });
  }
}

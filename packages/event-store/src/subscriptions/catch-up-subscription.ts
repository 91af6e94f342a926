import type { Checkpoint } from '../checkpoint';
import type { ScannedPage } from '../event-store';
import type { RecordedEvent } from '../recorded-event';
import type { Subscription } from './subscription';

/** What a catch-up subscription needs from a store. */
export interface CatchUpSource {
  /** The wanted events among the next `limit` after a checkpoint, and how far it looked. */
  read(after: Checkpoint, limit: number): Promise<ScannedPage>;
  /** Calls back when new events may exist; returns the unsubscribe function. */
  watch(onChange: () => void): () => void;
}

/**
 * Reads pages of history after its checkpoint until a page comes back empty, then waits
 * for a wake-up (a local commit or the poll timer) and reads again. It only ever asks for
 * events after the last one it handled, so there is no gap and no duplicate, provided the
 * store makes positions visible in order. A filtered subscription moves its checkpoint to
 * the end of each page it examined (and reports it through `onScanned`), so events of
 * other types are looked at once, never again after each match.
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
    private readonly onScanned?: (checkpoint: Checkpoint) => void | Promise<void>,
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
        for (const event of page.events) {
          if (this.stopped) return;
          if (event.checkpoint <= this.current) continue; // defensive: never deliver twice
          // Awaited only when the handler returned a promise: a handler done synchronously
          // costs no microtask per event.
          const handled = this.handler(event);
          if (handled !== undefined) await handled;
          this.current = event.checkpoint;
        }
        if (page.scannedTo > this.current) {
          this.current = page.scannedTo;
          await this.onScanned?.(this.current);
        }
        if (page.reachedEnd) {
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

import type { Checkpoint } from '../checkpoint';
import type { RecordedEvent } from '../recorded-event';

export interface SubscribeOptions {
  /** Deliver events after this checkpoint; default the start of the log. */
  readonly after?: Checkpoint;
  readonly types?: readonly string[];
  /** Called once per event, in log order; the next event waits for the returned promise. */
  readonly handler: (event: RecordedEvent) => void | Promise<void>;
  /**
   * Called when the subscription has looked past events it does not deliver (of other
   * types), with the checkpoint it examined up to: save it as the resume point, so a
   * restart does not scan those events again.
   */
  readonly onScanned?: (checkpoint: Checkpoint) => void | Promise<void>;
  /** Events examined per page while catching up; default 500. */
  readonly batchSize?: number;
  /** While live, also poll this often (ms) for writes by other processes; default 250. */
  readonly pollIntervalMs?: number;
}

/** A running catch-up subscription. */
export interface Subscription {
  /** How far it has read: the last event handled, or past it the last one it looked at and skipped. */
  readonly checkpoint: Checkpoint;
  /** Resolves the first time the subscription has handled all history and is live. */
  readonly caughtUp: Promise<void>;
  /** Resolves when stopped; rejects with the error that ended it (handler or store). */
  readonly done: Promise<void>;
  /** Stops after the event being handled, if any; resolves when it has stopped. */
  stop(): Promise<void>;
}

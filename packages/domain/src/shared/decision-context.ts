import type { Actor } from './actor';
import type { Instant } from './time';

/**
 * What a decision may know beyond the command and the aggregate's state. "Now" and new
 * ids come from here so that every decision is deterministic and replayable.
 */
export interface DecisionContext {
  /** The injected clock's reading for this decision. */
  readonly now: Instant;
  /** A fresh unique id (the application injects the generator). */
  readonly newId: () => string;
  /** Who issued the command, from the verified token. */
  readonly actor: Actor;
}

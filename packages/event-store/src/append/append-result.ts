import type { Checkpoint } from '../checkpoint';
import { checkpointOf } from '../checkpoint';

/** Where one appended event landed. */
export interface AppendedEvent {
  readonly eventId: string;
  readonly version: number;
  readonly checkpoint: Checkpoint;
}

/** The outcome of an append (or of its idempotent retry). */
export interface AppendResult {
  readonly streamId: string;
  /** The stream's version after the append: pass it as the next expected version. */
  readonly nextExpectedVersion: number;
  /** The checkpoint of the last appended event. */
  readonly checkpoint: Checkpoint;
  readonly events: readonly AppendedEvent[];
  /** True when these event ids had been appended before: nothing was written this time. */
  readonly duplicate: boolean;
}

/** Builds the result from what was stored, in append order. */
export function appendResultOf(
  streamId: string,
  stored: readonly { eventId: string; version: number; position: number }[],
  duplicate: boolean,
): AppendResult {
  const events = stored.map((e) => ({
    eventId: e.eventId,
    version: e.version,
    checkpoint: checkpointOf(e.position),
  }));
  const last = events[events.length - 1]!;
  return { streamId, nextExpectedVersion: last.version, checkpoint: last.checkpoint, events, duplicate };
}

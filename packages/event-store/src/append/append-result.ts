import type { Instant } from '@vouch/domain';
import type { Checkpoint } from '../checkpoint';
import { checkpointOf } from '../checkpoint';
import type { RecordedEvent } from '../recorded-event';

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
  /** True when these event ids had been appended before: nothing was written this time (the rest is the first result's, `appendPositionsOf`). */
  readonly duplicate: boolean;
  /** When the store recorded the events (their `recordedAt`); set by adapters that report it. */
  readonly recordedAt?: Instant;
  /**
   * The stream's write mark (`EventStore.writeMark`) as of this commit, taken where no other
   * commit could come between: a later mark equal to it means nothing was appended since.
   * Set by adapters with write marks, on a write (not on a duplicate).
   */
  readonly writeMark?: string;
  /**
   * The appended events exactly as a read of them right after the commit returns them
   * (personal values included), built from what was written instead of read back. Set
   * with `writeMark`; a reader that holds the stream up to just before this append may add
   * them to what it holds, current as of `writeMark`.
   */
  readonly recorded?: () => RecordedEvent[];
}

/**
 * Builds the result from what was stored, in append order, with `recordedAt` and the
 * commit's `writeMark` when given (an adapter that knows its commit's mark inside the
 * transaction sets it here, instead of copying the result to add it).
 */
export function appendResultOf(
  streamId: string,
  stored: readonly { eventId: string; version: number; position: number }[],
  duplicate: boolean,
  recordedAt?: Instant,
  writeMark?: string,
): AppendResult {
  const events = stored.map((e) => ({
    eventId: e.eventId,
    version: e.version,
    checkpoint: checkpointOf(e.position),
  }));
  const last = events[events.length - 1]!;
  const { version: nextExpectedVersion, checkpoint } = last;
  if (recordedAt === undefined) return { streamId, nextExpectedVersion, checkpoint, events, duplicate };
  return writeMark === undefined
    ? { streamId, nextExpectedVersion, checkpoint, events, duplicate, recordedAt }
    : { streamId, nextExpectedVersion, checkpoint, events, duplicate, recordedAt, writeMark };
}

/**
 * What every answer to the same append shares, the first write and each retry alike: the
 * stream, versions, checkpoints and the duplicate flag. The write's own hand-over
 * (`recordedAt`, `writeMark`, `recorded`) comes with the write only.
 */
export function appendPositionsOf(result: AppendResult): AppendResult {
  const { streamId, nextExpectedVersion, checkpoint, events, duplicate } = result;
  return { streamId, nextExpectedVersion, checkpoint, events, duplicate };
}

/**
 * The result with the write's hand-over members (`writeMark`, `recorded`) set, built member
 * by member: `{ ...result, writeMark }` adds a member the result lacks, which takes V8's slow
 * path (≈ 1 µs an append). The type names every member, so none added later is lost here.
 */
export function withHandOver(
  result: AppendResult,
  writeMark: string | undefined,
  recorded: (() => RecordedEvent[]) | undefined,
): AppendResult {
  const { streamId, nextExpectedVersion, checkpoint, events, duplicate, recordedAt } = result;
  return {
    streamId,
    nextExpectedVersion,
    checkpoint,
    events,
    duplicate,
    recordedAt,
    writeMark,
    recorded,
  } satisfies { [K in keyof Required<AppendResult>]: AppendResult[K] };
}

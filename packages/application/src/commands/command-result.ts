import type { Checkpoint } from '@vouch/event-store';

/** One event a command produced (or, for a repeated command, had produced the first time). */
export interface ProducedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly version: number;
  readonly checkpoint: Checkpoint;
}

/** What handling a command did. */
export interface CommandResult {
  readonly aggregateId: string;
  readonly streamId: string;
  /** The events of this command, in order: empty when it changed nothing. */
  readonly events: readonly ProducedEvent[];
  /** The stream's version after the command. */
  readonly version: number;
  /** The checkpoint of the command's last event: wait for read models to pass it to read your writes. */
  readonly checkpoint?: Checkpoint;
  /** True when this command id had been handled before: nothing new was written. */
  readonly duplicate: boolean;
}

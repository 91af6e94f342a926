import type { DigestReason, RecordedEvent } from '@vouch/event-store';
import type { SnapshotKeys } from '@vouch/projections';
import type { VouchCommand } from '../commands/vouch-command';

/** What a process manager decided for one event; the runner carries it out, in order. */
export type Reaction =
  /** Execute a command as the system; its id derives from the event, so a redelivery is harmless. */
  | { readonly kind: 'command'; readonly command: VouchCommand }
  /** Destroy a subject's data key (crypto-shredding, invariant 10). */
  | { readonly kind: 'forgetSubject'; readonly subjectId: string }
  /** Sign the tenant's digest now, when the product keeps signed digests (invariant 12). */
  | { readonly kind: 'signDigest'; readonly reason: DigestReason };

/**
 * A reaction to events that keeps aggregates in step (invariant 5 across aggregates,
 * enrolment, request bookkeeping, crypto-shredding), as a workflow: pure `decide` and
 * `evolve` over a small state of its own, learnt from the events it subscribes to. It does
 * no I/O; the runner reads the log, folds the state and carries out the reactions.
 * Delivery is at least once, so every command carries an id derived from the event.
 */
export interface ProcessManager<S = unknown> {
  readonly name: string;
  /** Every event type it decides on or learns from. */
  readonly eventTypes: readonly string[];
  /** The state before any event; a manager without state leaves out `initialState` and `evolve`. */
  initialState?(): S;
  /**
   * The state after an event (called after `decide` for that event). It may update the
   * state in place and return it: the runner keeps only the latest state, never an old one.
   */
  evolve?(state: S, event: RecordedEvent): S;
  /** What to do about an event, given the state before it. */
  decide(event: RecordedEvent, state: S): readonly Reaction[];
  /**
   * How the learnt state is saved with its checkpoint, so a start resumes from it instead of
   * relearning the whole log. Without it a manager with state relearns from the start.
   */
  readonly savedState?: SavedStateCodec<S>;
}

/** The saved form of a process manager's state: plain JSON, ids only (never personal plaintext). */
export interface SavedStateCodec<S> {
  /** Bumped whenever the saved shape changes; a saved state of another version is relearnt. */
  readonly version: number;
  /** A JSON-safe copy of the state, taken at once (the state changes in place afterwards). */
  save(state: S): unknown;
  /** The state saved by `save` of this version; throws on a shape it does not know. */
  restore(saved: unknown): S;
  /** What is stored of `save`'s value: its personal values sealed under their subjects' keys (invariant 10). */
  seal?(saved: unknown, keys: SnapshotKeys): Promise<unknown>;
  /** `save`'s value back from what `seal` stored, erased subjects' values left out. */
  open?(sealed: unknown, keys: SnapshotKeys): Promise<unknown>;
}

/** The command id of the `step`-th command a process manager issues for an event. */
export function reactionId(manager: string, event: RecordedEvent, step: string | number = 0): string {
  return `${manager}:${event.eventId}:${step}`;
}

/** A command without the ids the reaction derives from its event (kept per command type). */
export type UntracedCommand = VouchCommand extends infer C
  ? C extends VouchCommand
    ? Omit<C, 'commandId' | 'causationId' | 'correlationId'>
    : never
  : never;

/** A command reaction caused by `event`, traced to it (causation and correlation) with a derived id. */
export function commandFor(
  manager: string,
  event: RecordedEvent,
  command: UntracedCommand,
  step: string | number = 0,
): Reaction {
  return {
    kind: 'command',
    command: {
      ...command,
      commandId: reactionId(manager, event, step),
      causationId: event.eventId,
      correlationId: event.metadata.correlationId,
    } as VouchCommand,
  };
}

/** An event's data as the type its event type declares (the store has already upcast it). */
export function dataOf<E extends { data: object }>(event: RecordedEvent): E['data'] {
  return event.data as unknown as E['data'];
}

import type { Instant } from '@vouch/domain';
import type { DigestReason, EventStore, RecordedEvent } from '@vouch/event-store';
import type { CommandResult } from '../commands/command-result';
import type { VouchCommand } from '../commands/vouch-command';

/** What a process manager may do while it handles an event. */
export interface ProcessContext {
  readonly tenantId: string;
  readonly store: EventStore;
  readonly now: Instant;
  /** Executes a command as the system; the command id makes a redelivery harmless. */
  execute(command: VouchCommand): Promise<CommandResult>;
  /** Signs the tenant's digest now, when the product keeps signed digests (invariant 12). */
  signDigest?(reason: DigestReason): Promise<unknown>;
}

/**
 * A reaction to events that keeps aggregates in step (invariant 5 across aggregates,
 * enrolment, request bookkeeping, crypto-shredding). Delivery is at least once, so every
 * command it issues carries an id derived from the event: a redelivered event decides
 * nothing new.
 */
export interface ProcessManager {
  readonly name: string;
  readonly eventTypes: readonly string[];
  handle(event: RecordedEvent, context: ProcessContext): Promise<void>;
}

/** The command id of the `step`-th command a process manager issues for an event. */
export function reactionId(manager: string, event: RecordedEvent, step: string | number = 0): string {
  return `${manager}:${event.eventId}:${step}`;
}

/** An event's data as the type its event type declares (the store has already upcast it). */
export function dataOf<E extends { data: object }>(event: RecordedEvent): E['data'] {
  return event.data as unknown as E['data'];
}

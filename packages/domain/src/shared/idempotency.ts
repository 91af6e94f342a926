import type { Decider } from './decider';
import type { DecisionContext } from './decision-context';
import type { Command, DomainEvent } from './domain-event';
import { DomainError, DomainErrorCode } from './domain-error';

/** An event of a stream's history together with the command that produced it. */
export interface HistoryEntry<E extends DomainEvent> {
  readonly event: E;
  readonly commandId: string;
  /** A fingerprint of the command, so a reused id with other content is caught. */
  readonly commandFingerprint?: string;
}

/** What deciding a command once produced. */
export interface DecisionResult<E extends DomainEvent> {
  readonly events: E[];
  /** True when the command id had been handled: `events` are then the first result. */
  readonly duplicate: boolean;
}

/** A stable text of a command's content, to tell a retry from a reused command id. */
export function commandFingerprint(command: Command): string {
  return `${command.type}:${stableStringify(command.data)}`;
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Decides a command exactly once (invariant 8): when the history already holds events of
 * the same command id, nothing new is decided and the first result is returned. A command
 * id reused for a different command is refused instead of silently ignored.
 */
export function decideOnce<C extends Command, S, E extends DomainEvent, Ctx extends DecisionContext>(
  decider: Decider<C, S, E, Ctx>,
  history: readonly HistoryEntry<E>[],
  command: C,
  context: Ctx,
): DecisionResult<E> {
  const earlier = history.filter((entry) => entry.commandId === command.commandId);
  if (earlier.length > 0) {
    const fingerprint = commandFingerprint(command);
    const mismatch = earlier.find(
      (e) => e.commandFingerprint !== undefined && e.commandFingerprint !== fingerprint,
    );
    if (mismatch) {
      throw new DomainError(
        DomainErrorCode.COMMAND_ID_REUSED,
        `Command id ${command.commandId} was already used for a different command. Use a new command id for a new command.`,
        { commandId: command.commandId },
      );
    }
    return { events: earlier.map((e) => e.event), duplicate: true };
  }
  const state = history.reduce((s, entry) => decider.evolve(s, entry.event), decider.initialState);
  return { events: decider.decide(command, state, context), duplicate: false };
}

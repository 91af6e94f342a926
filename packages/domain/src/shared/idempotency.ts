import type { Decider } from './decider';
import type { DecisionContext } from './decision-context';
import type { Command, DomainEvent } from './domain-event';
import { DomainError, DomainErrorCode } from './domain-error';

/** An event of a stream's history together with the command that produced it. */
export interface HistoryEntry<E extends DomainEvent> {
  readonly event: E;
  readonly commandId: string;
  /** The keyed fingerprint of the command (opaque here), so a reused id with other content is caught. */
  readonly commandFingerprint?: string;
}

/** What deciding a command once produced. */
export interface DecisionResult<E extends DomainEvent> {
  readonly events: E[];
  /** True when the command id had been handled: `events` are then the first result. */
  readonly duplicate: boolean;
}

/**
 * The canonical text of a command's content (type and data, keys sorted, undefined left
 * out). It holds personal values: it is only ever digested under a key (invariant 10),
 * never stored. The keyed digest is what tells a retry from a reused command id.
 */
export function canonicalCommand(command: Command): string {
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
 * id reused for a different command is refused instead of silently ignored. `fingerprint`
 * is the caller's keyed digest of this command, compared as an opaque string with the
 * one recorded; without it a repeated id is taken as a retry.
 */
export function decideOnce<C extends Command, S, E extends DomainEvent, Ctx extends DecisionContext>(
  decider: Decider<C, S, E, Ctx>,
  history: readonly HistoryEntry<E>[],
  command: C,
  context: Ctx,
  fingerprint?: string,
): DecisionResult<E> {
  const earlier = history.filter((entry) => entry.commandId === command.commandId);
  if (earlier.length > 0) {
    const mismatch = earlier.find(
      (e) =>
        fingerprint !== undefined &&
        e.commandFingerprint !== undefined &&
        e.commandFingerprint !== fingerprint,
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

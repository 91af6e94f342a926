import type { DecisionContext } from './decision-context';
import type { Command, DomainEvent } from './domain-event';

/**
 * The whole decision model of an aggregate: `decide` turns a command into events (or
 * throws a DomainError), `evolve` folds an event into state, and `initialState` is the
 * state before the first event. All three are pure.
 */
export interface Decider<
  C extends Command,
  S,
  E extends DomainEvent,
  Ctx extends DecisionContext = DecisionContext,
> {
  readonly name: string;
  readonly initialState: S;
  decide(command: C, state: S, context: Ctx): E[];
  evolve(state: S, event: E): S;
}

/** Rebuilds an aggregate's state from its history. */
export function fold<S, E extends DomainEvent>(
  decider: Pick<Decider<Command, S, E, never>, 'evolve' | 'initialState'>,
  events: readonly E[],
): S {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState);
}

import type { DomainEvent } from '@vouch/domain';
import type { RecordedEvent } from '@vouch/event-store';

/** The evolve half of a decider, all a read model needs to fold a stream. */
export interface Evolver<S, E extends DomainEvent> {
  readonly initialState: S;
  evolve(state: S, event: E): S;
}

/** The current state of every aggregate of one kind, folded with its own decider. */
export class AggregateStates<S, E extends DomainEvent> {
  readonly states = new Map<string, S>();

  constructor(
    private readonly decider: Evolver<S, E>,
    private readonly idField: string,
  ) {}

  /** Folds one event into the state of the aggregate its data names; returns that id. */
  apply(event: RecordedEvent): string {
    const id = (event.data as Record<string, unknown>)[this.idField] as string;
    const before = this.states.get(id) ?? this.decider.initialState;
    this.states.set(id, this.decider.evolve(before, event as unknown as E));
    return id;
  }

  get(id: string): S | undefined {
    return this.states.get(id);
  }

  snapshot(): [string, S][] {
    return [...this.states];
  }

  restore(snapshot: [string, S][]): void {
    this.states.clear();
    for (const [id, state] of snapshot) this.states.set(id, state);
  }
}

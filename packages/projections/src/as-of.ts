import { deciderOf, eventDefinition, type AggregateName, type Instant } from '@vouch/domain';
import type { RecordedEvent } from '@vouch/event-store';

/** A subject's state at one instant, as the record showed it and as it was in the world. */
export interface StateAsOf<S = unknown> {
  readonly aggregate: AggregateName;
  /** Folding the events recorded by then (`recordedAt ≤ at`), in log order: what the system knew. */
  readonly recorded: S;
  /** Folding the events that had happened by then (`effectiveAt ≤ at`), in effective order: what was true. */
  readonly effective: S;
  /** How many events each fold used. */
  readonly recordedEvents: number;
  readonly effectiveEvents: number;
}

/**
 * The state of one aggregate as of `at`, both as recorded and as effective, folded with the
 * aggregate's own decider (chosen from the event catalogue). Give it the events of one
 * stream as the store returns them; late-recorded events that happened earlier are folded
 * at their effective place in the effective view.
 */
export function stateAsOf<S = unknown>(events: readonly RecordedEvent[], at: Instant): StateAsOf<S> {
  const aggregate = events.map((e) => eventDefinition(e.type)?.aggregate).find((a) => a !== undefined);
  if (!aggregate) throw new RangeError('stateAsOf needs at least one event of a known aggregate.');
  const decider = deciderOf(aggregate);
  const t = Date.parse(at);
  const inLogOrder = [...events].sort((a, b) =>
    a.checkpoint < b.checkpoint ? -1 : a.checkpoint > b.checkpoint ? 1 : 0,
  );
  const recorded = inLogOrder.filter((e) => Date.parse(e.recordedAt) <= t);
  // Stable sort: events effective at the same instant keep their log order.
  const effective = inLogOrder
    .filter((e) => Date.parse(e.metadata.effectiveAt) <= t)
    .sort((a, b) => Date.parse(a.metadata.effectiveAt) - Date.parse(b.metadata.effectiveAt));
  const fold = (list: readonly RecordedEvent[]) =>
    list.reduce((state, e) => decider.evolve(state, e), decider.initialState) as S;
  return {
    aggregate,
    recorded: fold(recorded),
    effective: fold(effective),
    recordedEvents: recorded.length,
    effectiveEvents: effective.length,
  };
}

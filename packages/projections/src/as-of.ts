import { deciderOf, eventDefinition, type AggregateName, type Instant } from '@vouch/domain';
import type { ReplayEvent } from '@vouch/event-store';

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
export function stateAsOf<S = unknown>(events: readonly ReplayEvent[], at: Instant): StateAsOf<S> {
  const aggregate = events.map((e) => eventDefinition(e.type)?.aggregate).find((a) => a !== undefined);
  if (!aggregate) throw new RangeError('stateAsOf needs at least one event of a known aggregate.');
  const decider = deciderOf(aggregate);
  const t = Date.parse(at);
  // One parse of each instant, and no sort when the stream already is in order (it nearly always is).
  const inLogOrder = inOrder(events, (a, b) =>
    a.checkpoint < b.checkpoint ? -1 : a.checkpoint > b.checkpoint ? 1 : 0,
  );
  const recorded: ReplayEvent[] = [];
  const happened: { readonly event: ReplayEvent; readonly effectiveAt: number }[] = [];
  for (const event of inLogOrder) {
    if (Date.parse(event.recordedAt) <= t) recorded.push(event);
    const effectiveAt = Date.parse(event.metadata.effectiveAt);
    if (effectiveAt <= t) happened.push({ event, effectiveAt });
  }
  // Stable sort: events effective at the same instant keep their log order.
  const effective = inOrder(happened, (a, b) => a.effectiveAt - b.effectiveAt).map((h) => h.event);
  const fold = (list: readonly ReplayEvent[]) =>
    list.reduce((state, e) => decider.evolve(state, e), decider.initialState) as S;
  const recordedState = fold(recorded);
  // Recorded and effective views are the same fold whenever no event was recorded late.
  const sameEvents = effective.length === recorded.length && effective.every((e, i) => e === recorded[i]);
  return {
    aggregate,
    recorded: recordedState,
    effective: sameEvents ? recordedState : fold(effective),
    recordedEvents: recorded.length,
    effectiveEvents: effective.length,
  };
}

// The list itself when already in order, else a sorted copy (stable).
function inOrder<T>(list: readonly T[], compare: (a: T, b: T) => number): readonly T[] {
  for (let i = 1; i < list.length; i++)
    if (compare(list[i - 1]!, list[i]!) > 0) return [...list].sort(compare);
  return list;
}

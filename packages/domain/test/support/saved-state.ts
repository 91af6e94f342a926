import type { DomainEvent } from '../../src';

/**
 * A state saved as JSON (which drops its `undefined` members) and read back after any prefix of
 * `events`, then folded on, must give the straight fold's text: the same members in the same order.
 * Read models restore their snapshots this way; an evolve that spreads a member onto a read-back
 * state appends it after the others, and the restored model then differs from a rebuilt one.
 */
export function expectFoldGoesOnFromAnySavedPoint<S, E extends DomainEvent>(
  decider: { readonly initialState: S; evolve(state: S, event: E): S },
  events: readonly E[],
): void {
  const foldFrom = (state: S, from: readonly E[]) => from.reduce((s, e) => decider.evolve(s, e), state);
  const straight = JSON.stringify(foldFrom(decider.initialState, events));
  for (let k = 0; k <= events.length; k++) {
    const saved = JSON.parse(JSON.stringify(foldFrom(decider.initialState, events.slice(0, k)))) as S;
    expect(JSON.stringify(foldFrom(saved, events.slice(k)))).toBe(straight);
  }
}

import {
  deciderOf,
  eventDefinition,
  toMillis,
  type AggregateName,
  type AnyDecider,
  type Instant,
} from '@vouch/domain';
import type { ReplayEvent } from '@vouch/event-store';
import type { StateAsOf } from './as-of';

/**
 * `stateAsOf` folded page by page while a stream is read, so no page outlives its fold: a
 * caller that reads 10,000 events keeps 1,000 alive instead of all of them (the replay of a
 * long stream spent about half its CPU in the garbage collector promoting events it had
 * already read). It folds in one pass only while the stream is in log order and the events
 * effective by `at` come in effective order (the common case: nothing back-dated); the first
 * page that breaks either makes `add` answer `false`, and the caller replays the whole stream
 * with `stateAsOf` instead. The result is `stateAsOf`'s whenever `add` never answered `false`.
 */
export class StateAsOfFold<S = unknown> {
  private readonly t: number;
  private aggregate: AggregateName | undefined;
  private decider: AnyDecider | undefined;
  private recorded: unknown;
  private effective: unknown;
  private recordedEvents = 0;
  private effectiveEvents = 0;
  // While the effective view holds exactly the events of the recorded view, it is the same fold.
  private same = true;
  private lastCheckpoint = '';
  private lastEffectiveAt = -Infinity;
  private events = 0;
  private broken = false;

  constructor(at: Instant) {
    this.t = Date.parse(at);
  }

  /** Folds the next page of the stream; `false` when the stream needs the sorting replay (`stateAsOf`). */
  add(page: readonly ReplayEvent[]): boolean {
    if (this.broken) return false;
    for (const event of page) {
      if (!this.decider) {
        // The decider comes from the first event; one the catalogue does not know needs the full replay.
        const aggregate = eventDefinition(event.type)?.aggregate;
        if (aggregate === undefined) return this.break();
        this.aggregate = aggregate;
        this.decider = deciderOf(aggregate);
        this.recorded = this.decider.initialState;
        this.effective = this.recorded;
      }
      if (event.checkpoint <= this.lastCheckpoint) return this.break();
      this.lastCheckpoint = event.checkpoint;
      this.events += 1;
      const inRecorded = toMillis(event.recordedAt) <= this.t;
      const effectiveAt = toMillis(event.metadata.effectiveAt);
      const inEffective = effectiveAt <= this.t;
      if (inEffective) {
        if (effectiveAt < this.lastEffectiveAt) return this.break();
        this.lastEffectiveAt = effectiveAt;
        this.effectiveEvents += 1;
      }
      if (inRecorded) this.recordedEvents += 1;
      if (this.same && inRecorded !== inEffective) {
        this.same = false;
        this.effective = this.recorded;
      }
      if (inRecorded) this.recorded = this.decider.evolve(this.recorded as never, event as never);
      if (this.same) this.effective = this.recorded;
      else if (inEffective) this.effective = this.decider.evolve(this.effective as never, event as never);
    }
    return true;
  }

  /** The state as of `at` of the pages folded; `undefined` when there were none. */
  result(): StateAsOf<S> | undefined {
    if (this.broken) throw new RangeError('The stream is out of order: replay it with stateAsOf.');
    if (this.events === 0) return undefined;
    return {
      aggregate: this.aggregate!,
      recorded: this.recorded as S,
      effective: this.effective as S,
      recordedEvents: this.recordedEvents,
      effectiveEvents: this.effectiveEvents,
    };
  }

  private break(): false {
    this.broken = true;
    return false;
  }
}

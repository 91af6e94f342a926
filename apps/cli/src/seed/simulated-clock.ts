import { addDays, fromMillis, toMillis, type Instant } from '@vouch/domain';

/**
 * The clock the demo program runs on: the domain takes "now" from an injected clock, so
 * eighteen months of a reference program pass in seconds, day by day.
 */
export class SimulatedClock {
  private current: Instant;

  constructor(start: Instant) {
    this.current = start;
  }

  /** The clock as the facade and the store take it. */
  readonly now = (): Instant => this.current;

  /** Moves to 08:00 UTC of the day `days` after `origin`. */
  startDay(origin: Instant, days: number): void {
    const day = addDays(origin, days);
    this.current = `${day.slice(0, 10)}T08:00:00.000Z`;
  }

  /** Lets some minutes pass, never going back. */
  advanceMinutes(minutes: number): void {
    this.current = fromMillis(toMillis(this.current) + minutes * 60_000);
  }
}

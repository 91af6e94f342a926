import type { Instant } from '@vouch/domain';
import type { Clock } from '../clock';

/** A clock that moves only when told to: deterministic `recordedAt` and erasure times in tests. */
export class ManualClock {
  private current: number;

  constructor(start: Instant = '2026-01-01T00:00:00.000Z') {
    this.current = Date.parse(start);
  }

  /** The clock function to inject into a store. */
  readonly now: Clock = () => new Date(this.current).toISOString();

  advance(milliseconds: number): Instant {
    this.current += milliseconds;
    return this.now();
  }
}

/** How a StepBudget sizes its waits. */
export interface StepBudgetOptions {
  /** The wait before any step was measured (the first child's start-up on a cold, loaded machine). */
  readonly firstMs: number;
  /** The wait is this many times the slowest step measured so far... */
  readonly multiple: number;
  /** ...and never less than this, nor more than `capMs` (a hung child fails after at most that). */
  readonly floorMs: number;
  readonly capMs: number;
}

/**
 * How long a test waits for a child process's step (start, open the store, catch up): a
 * generous multiple of the slowest such step measured in this run, so a loaded machine raises
 * the limit with the work instead of failing the test, while a hung child still fails after a
 * bounded wait that names the step.
 */
export class StepBudget {
  private slowestMs: number | undefined;

  constructor(private readonly options: StepBudgetOptions) {}

  /** The wait allowed for the next step. */
  get limitMs(): number {
    const { firstMs, multiple, floorMs, capMs } = this.options;
    if (this.slowestMs === undefined) return firstMs;
    return Math.min(capMs, Math.max(floorMs, Math.ceil(multiple * this.slowestMs)));
  }

  /** Records how long one step took. */
  record(ms: number): void {
    this.slowestMs = Math.max(this.slowestMs ?? 0, ms);
  }

  /** The longest a test of `steps` steps may take when every step uses its whole wait, plus `extraMs`. */
  totalMs(steps: number, extraMs = 0): number {
    return extraMs + steps * Math.max(this.options.firstMs, this.options.capMs);
  }
}

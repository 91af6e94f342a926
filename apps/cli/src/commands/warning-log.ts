import { DomainError } from '@vouch/domain';

/** Where the warning log writes: problems as warnings, expected refusals at debug level. */
export interface WarningSinks {
  readonly warn: (text: string) => void;
  readonly debug: (text: string) => void;
}

/**
 * Prints the facade's warnings. Refusals of time-driven work are expected — after a restart
 * the due-work index retries every overdue item once and the domain refuses the ones already
 * settled — so they are summed up at debug level, one line per second with an example;
 * everything else is a warning at once.
 */
export class WarningLog {
  private refusals: string[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly sinks: WarningSinks) {}

  readonly warn = (message: string, error: unknown): void => {
    if (error instanceof DomainError && message.startsWith('due work')) {
      this.refusals.push(`${message}: ${error.message}`);
      this.timer ??= setTimeout(() => this.flush(), 1000);
      this.timer.unref();
      return;
    }
    this.sinks.warn(`vouch: ${message}: ${error instanceof Error ? error.message : String(error)}\n`);
  };

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.refusals.length === 0) return;
    const [first] = this.refusals;
    this.sinks.debug(
      this.refusals.length === 1
        ? `vouch: ${first}\n`
        : `vouch: the domain refused ${this.refusals.length} due-work commands, e.g. ${first}\n`,
    );
    this.refusals = [];
  }
}

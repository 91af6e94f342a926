import { DomainError } from '@vouch/domain';

/**
 * Prints the facade's warnings. Refusals of time-driven work are collected and printed as
 * one line per second with an example: after a restart the due-work index retries every
 * overdue item once, and a line per refusal would bury what matters.
 */
export class WarningLog {
  private refusals: string[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly write: (text: string) => void) {}

  readonly warn = (message: string, error: unknown): void => {
    if (error instanceof DomainError && message.startsWith('due work')) {
      this.refusals.push(`${message}: ${error.message}`);
      this.timer ??= setTimeout(() => this.flush(), 1000);
      this.timer.unref();
      return;
    }
    this.write(`vouch: ${message}: ${error instanceof Error ? error.message : String(error)}\n`);
  };

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.refusals.length === 0) return;
    const [first] = this.refusals;
    this.write(
      this.refusals.length === 1
        ? `vouch: ${first}\n`
        : `vouch: the domain refused ${this.refusals.length} due-work commands, e.g. ${first}\n`,
    );
    this.refusals = [];
  }
}

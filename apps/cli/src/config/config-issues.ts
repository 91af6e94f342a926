import { ConfigError } from './config-error';

/**
 * Gathers every configuration problem of a start, so all are reported at once (one line
 * each) before anything is created.
 */
export class ConfigIssues {
  private readonly issues: string[] = [];

  /** Runs one resolution; its ConfigError's issues are kept and undefined returned. */
  attempt<T>(resolve: () => T): T | undefined {
    try {
      return resolve();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.issues.push(...error.issues);
      return undefined;
    }
  }

  /** Throws a ConfigError with every problem gathered, if there is any. */
  throwIfAny(): void {
    if (this.issues.length > 0) throw new ConfigError(this.issues);
  }
}

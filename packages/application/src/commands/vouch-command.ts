import type { DomainCommand, Instant } from '@vouch/domain';

/** Any command of the domain. */
export type { DomainCommand } from '@vouch/domain';

/** What travels with a command besides its data. */
export interface CommandOptions {
  /**
   * The aggregate the command is for. Commands that create their aggregate take it from
   * their data (e.g. `advocateId`); the program's commands need none.
   */
  readonly aggregateId?: string;
  /** When it happened in the world, if not now (e.g. a consent recorded from yesterday's call). */
  readonly effectiveAt?: Instant;
  /** The first command of the chain; default this command's id. */
  readonly correlationId?: string;
  /** The message that caused this command; default this command's id. */
  readonly causationId?: string;
}

/** A command as the facade takes it: the domain command plus routing and tracing. */
export type VouchCommand = DomainCommand & CommandOptions;

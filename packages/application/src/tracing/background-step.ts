/**
 * One step of background work: a process manager's reaction to an event, or a command that
 * time made due. Named by kinds and types only (never ids or payloads), so a host may put
 * every field into a trace.
 */
export interface BackgroundStep {
  readonly job: 'process-manager' | 'due-work';
  /** The process manager's name, or the due command's type. */
  readonly name: string;
  readonly tenantId: string;
  /** What the step does: `command`, `forgetSubject` or `signDigest`. */
  readonly reaction: 'command' | 'forgetSubject' | 'signDigest';
  /** The command's type, when the step issues a command. */
  readonly commandType?: string;
  /** The type of the event a process manager reacts to. */
  readonly eventType?: string;
}

/**
 * Runs a background step inside whatever the host wants around it (a tracing span). It must
 * return what `run` returns and rethrow what it throws.
 */
export type BackgroundStepObserver = <T>(step: BackgroundStep, run: () => Promise<T>) => Promise<T>;

/** The observer that adds nothing: the step runs as it is. */
export const runStepAsIs: BackgroundStepObserver = (_step, run) => run();

/** Exit codes scripts can rely on. */
export const ExitCode = {
  /** Done. */
  OK: 0,
  /** The command ran and failed (store unreachable, refused, crashed). */
  FAILURE: 1,
  /** Wrong usage or configuration: nothing was done. */
  USAGE: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Where a command writes and what it reads from its surroundings; tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether stderr is a terminal (progress bars redraw one line only then). */
  readonly interactive: boolean;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); long-running commands wait on it. */
  readonly stopSignal: Promise<string>;
}

/** The real process: stdout, stderr, environment and signals. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    interactive: process.stderr.isTTY === true,
    stopSignal: new Promise((resolve) => {
      const stop = (signal: string) => resolve(signal);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    }),
  };
}

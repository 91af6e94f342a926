import type { CliIo } from '../../src/cli-io';

/** A CliIo that records what the command wrote; never signalled to stop unless asked. */
export function memoryIo(env: Record<string, string | undefined> = {}): CliIo & {
  out: () => string;
  err: () => string;
} {
  let out = '';
  let err = '';
  return {
    stdout: (text) => (out += text),
    stderr: (text) => (err += text),
    env,
    interactive: false,
    stopSignal: new Promise(() => undefined),
    out: () => out,
    err: () => err,
  };
}

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');

/** A `vouch` process run from source, as `npm run vouch` runs it. */
export interface CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stdout. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

export function spawnCli(args: readonly string[], env: Record<string, string> = {}): CliProcess {
  return watched(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts'], args, env);
}

/** `npm run <script> -- <args>` (or `npm start -- <args>`) from the repository root, as a developer types it. */
export function spawnNpm(
  script: string,
  args: readonly string[],
  env: Record<string, string> = {},
): CliProcess {
  return watched('npm', script === 'start' ? ['start', '--'] : ['run', script, '--'], args, env);
}

function watched(
  command: string,
  prefix: readonly string[],
  args: readonly string[],
  env: Record<string, string>,
): CliProcess {
  const child = spawn(command, [...prefix, ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      SWC_NODE_PROJECT: 'apps/cli/tsconfig.run.json',
      VOUCH_MASTER_KEY: '',
      VOUCH_JWT_SECRET: '',
      VOUCH_SIGNING_KEY: '',
      DATABASE_URL: '',
      EVENTSTORE_CONNECTION_STRING: '',
      VOUCH_STORE: '',
      PORT: '',
      ...env,
    },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    async waitFor(pattern, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = out.match(pattern);
        if (match) return match;
        if (child.exitCode !== null || Date.now() > deadline) {
          throw new Error(
            `vouch ${args.join(' ')} never printed ${pattern}.\nstdout:\n${out}\nstderr:\n${err}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/** Runs `vouch` to completion. */
export async function runCliProcess(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cli = spawnCli(args, env);
  const code = await cli.exited;
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}

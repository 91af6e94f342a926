import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');

/** A second writer process (append-loop-child.ts) on a SQLite file or a PostgreSQL database. */
export interface AppendLoop {
  /** Events it reported committed so far. */
  appended(): number;
  waitUntil(n: number): Promise<void>;
  /** SIGTERM, then its output once it has closed the store. */
  stop(): Promise<string>;
}

/** Starts appending to `where` (a SQLite file or a postgres:// URL) under `masterKey` (base64) for `tenant`. */
export function startAppendLoop(where: string, masterKey: string, tenant: string): AppendLoop {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'apps/cli/test/support/append-loop-child.ts', where, masterKey, tenant],
    { cwd: ROOT, env: { ...process.env, SWC_NODE_PROJECT: 'apps/cli/tsconfig.run.json' } },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const appended = () => Number([...out.matchAll(/appended (\d+)/g)].at(-1)?.[1] ?? 0);
  return {
    appended,
    async waitUntil(n) {
      const deadline = Date.now() + 60_000;
      while (appended() < n) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the writer stopped:\n${out}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
      return out;
    },
  };
}

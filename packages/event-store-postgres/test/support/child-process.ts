import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');

/** Starts a TypeScript script as its own Node process, with workspace imports mapped to source. */
export function spawnScript(script: string, args: readonly string[]): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.typecheck.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Collects a child's stdout lines as they arrive. */
export function linesOf(child: ChildProcess): string[] {
  const lines: string[] = [];
  let partial = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
  });
  return lines;
}

/** Resolves when the child has exited. */
export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Waits until `condition` holds, polling; fails after `ms`. */
export async function waitFor(condition: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { getHeapStatistics } from 'node:v8';

// Issue 15: at 100k advocates the API's live heap is ≈ 0.6 GB, but with V8's default limit
// (≈ 4 GB on this class of machine) the old generation grew to ≈ 2 GB of garbage under load
// before V8 collected it, and RSS never came back down. A heap limit must be given to node at
// start (V8 ignores `--max-old-space-size` set later), so `vouch serve` and `vouch start`
// relaunch themselves once with it; nothing else in the process changes.

/**
 * `vouch serve`'s old-generation limit when neither `--max-heap` nor VOUCH_MAX_HEAP_MB is given.
 * Measured at 100k advocates on SQLite, served from `dist`: with the snapshot written piece by
 * piece the save after the catch-up needs ≈ 0.1 GB above the ≈ 0.5 GB of read models (it needed
 * more than 1,024 MB while it held the whole JSON text); 768 held but slowed matching under GC,
 * 896 keeps the process's peak RSS ≤ 1 GB (docs/benchmarks.md, issue 15, mem18, tenth pass).
 */
export const DEFAULT_MAX_HEAP_MB = 896;
/** The smallest bound accepted: below it the API cannot even load its schema and a small tenant. */
export const MIN_MAX_HEAP_MB = 128;
/** Set in the relaunched process: its heap is bound, it must not relaunch again. */
export const HEAP_BOUND_ENV = 'VOUCH_HEAP_BOUND_MB';

type Env = Readonly<Record<string, string | undefined>>;

const COMMANDS_WITH_A_BOUND = new Set(['serve', 'start']);
const NODE_HEAP_FLAG = /(^|\s)--max[-_]old[-_]space[-_]size(=|\s|$)/;

/** A `--max-heap` / VOUCH_MAX_HEAP_MB text as megabytes (0 = V8's default), or undefined when not valid. */
export function parseMaxHeapMb(text: string): number | undefined {
  if (!/^\d+$/.test(text.trim())) return undefined;
  const mb = Number(text);
  return mb === 0 || (mb >= MIN_MAX_HEAP_MB && mb <= 1_048_576) ? mb : undefined;
}

/**
 * The heap bound `argv` (the arguments after the script) asks for: `--max-heap` wins over
 * VOUCH_MAX_HEAP_MB, then the default. Undefined for commands without a bound and for values
 * that are not valid (the command's own option parser reports those).
 */
export function requestedMaxHeapMb(argv: readonly string[], env: Env): number | undefined {
  if (!COMMANDS_WITH_A_BOUND.has(argv[0] ?? '')) return undefined;
  let text: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg === '--max-heap') text = argv[i + 1] ?? '';
    else if (arg.startsWith('--max-heap=')) text = arg.slice('--max-heap='.length);
  }
  text ??=
    env.VOUCH_MAX_HEAP_MB === undefined || env.VOUCH_MAX_HEAP_MB === '' ? undefined : env.VOUCH_MAX_HEAP_MB;
  return text === undefined ? DEFAULT_MAX_HEAP_MB : parseMaxHeapMb(text);
}

/** Whether node itself was told a heap limit (its own flags or NODE_OPTIONS): then it wins. */
export function nodeHeapLimitGiven(execArgv: readonly string[], env: Env): boolean {
  return NODE_HEAP_FLAG.test(execArgv.join(' ')) || NODE_HEAP_FLAG.test(env.NODE_OPTIONS ?? '');
}

/** The V8 heap limit of this process, in MB (what the bound became, young generation included). */
export function heapLimitMb(): number {
  return Math.round(getHeapStatistics().heap_size_limit / 2 ** 20);
}

/**
 * Runs `node <execArgv> --max-old-space-size=N <entry> <argv>` when `argv` is a command with a
 * heap bound and this process has none yet, and supervises it: signals are passed on (the child
 * has its own process group, so a terminal's Ctrl-C reaches it once, through us) and its exit
 * code becomes ours. Undefined when the command should run in this process.
 */
export function relaunchWithHeapBound(
  argv: readonly string[],
  entry: string,
  env: Env = process.env,
  execArgv: readonly string[] = process.execArgv,
): Promise<number> | undefined {
  const mb = requestedMaxHeapMb(argv, env);
  if (mb === undefined || mb === 0 || env[HEAP_BOUND_ENV] !== undefined) return undefined;
  if (nodeHeapLimitGiven(execArgv, env)) return undefined;
  const child = spawn(process.execPath, [...execArgv, `--max-old-space-size=${mb}`, entry, ...argv], {
    // The IPC channel only tells the server when this process is gone (stopWithSupervisor).
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    detached: true,
    env: { ...env, [HEAP_BOUND_ENV]: String(mb) },
  });
  const forward = (signal: NodeJS.Signals) => () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const handlers = signals.map((signal) => [signal, forward(signal)] as const);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  return new Promise((resolve) => {
    const done = (code: number) => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
      resolve(code);
    };
    child.once('error', () => done(1));
    child.once('exit', (code, signal) => done(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  });
}

/**
 * In the relaunched server: when the process that started it dies — even by `kill -9`, which it
 * cannot pass on — its IPC channel closes and the server stops as on SIGTERM (drains, releases
 * its lease), instead of living on as an orphan holding the port and the background work.
 */
export function stopWithSupervisor(): void {
  if (process.env[HEAP_BOUND_ENV] === undefined || !process.channel) return;
  process.channel.unref(); // the channel alone must not keep the server alive
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MAX_HEAP_MB, requestedMaxHeapMb } from '../src/heap/heap-bound';
import { runCliProcess, spawnCli, type CliProcess } from './support/cli-process';

// Issue 15: `vouch serve` bounds V8's heap so the old generation is collected before the
// process grows past its memory budget. The bound must be in the process that serves: each
// case starts the real CLI and reads the heap limit that process reports from
// v8.getHeapStatistics() in its start line, and its command line from /proc.

/** What the served process says about itself once it listens. */
interface Served {
  readonly pid: number;
  readonly heapLimitMb: number;
  readonly origin: string;
}

const dirs: string[] = [];
const running: CliProcess[] = [];

async function serve(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<[CliProcess, Served]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vouch-heap-'));
  dirs.push(dataDir);
  const cli = spawnCli(
    ['serve', '--data-dir', dataDir, '--port', '0', '--environment', 'development', ...args],
    env,
  );
  running.push(cli);
  const [line] = await cli.waitFor(/^\{.*"graphqlUrl".*\}$/m, 90_000);
  const entry = JSON.parse(line) as { pid: number; heapLimitMb: number; graphqlUrl: string };
  return [cli, { pid: entry.pid, heapLimitMb: entry.heapLimitMb, origin: new URL(entry.graphqlUrl).origin }];
}

const commandLine = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stop(cli: CliProcess): Promise<number | null> {
  cli.child.kill('SIGTERM');
  return cli.exited;
}

// V8's young generation comes on top of the old-generation limit (three semi-spaces).
const YOUNG_MB = 100;

afterAll(async () => {
  for (const cli of running) if (cli.child.exitCode === null) await stop(cli);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('vouch serve bounds its heap', () => {
  it('by default: the served process is a relaunched node with the default limit, and stops with the CLI', async () => {
    const [cli, served] = await serve([]);
    expect(served.heapLimitMb).toBeGreaterThanOrEqual(DEFAULT_MAX_HEAP_MB);
    expect(served.heapLimitMb).toBeLessThan(DEFAULT_MAX_HEAP_MB + YOUNG_MB);
    expect(served.pid).not.toBe(cli.child.pid);
    expect(commandLine(served.pid)).toContain(`--max-old-space-size=${DEFAULT_MAX_HEAP_MB}`);
    expect((await fetch(`${served.origin}/healthz`)).status).toBe(200);
    // A stop signal to the CLI reaches the server: it drains and both exit 0.
    expect(await stop(cli)).toBe(0);
    expect(cli.stdout()).toMatch(/"signal":"SIGTERM".*"msg":"stopping"/);
    expect(alive(served.pid)).toBe(false);
  }, 120_000);

  it('stops when the CLI that started it is killed with SIGKILL (no orphan holding the port and the lease)', async () => {
    const [cli, served] = await serve([]);
    expect(served.pid).not.toBe(cli.child.pid);
    cli.child.kill('SIGKILL');
    await cli.exited;
    const deadline = Date.now() + 30_000;
    while (alive(served.pid) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(alive(served.pid)).toBe(false);
    await expect(fetch(`${served.origin}/healthz`)).rejects.toThrow();
  }, 120_000);

  it('with --max-heap, which wins over VOUCH_MAX_HEAP_MB', async () => {
    const [cli, served] = await serve(['--max-heap', '256'], { VOUCH_MAX_HEAP_MB: '900' });
    expect(served.heapLimitMb).toBeGreaterThanOrEqual(256);
    expect(served.heapLimitMb).toBeLessThan(256 + YOUNG_MB);
    expect(commandLine(served.pid)).toContain('--max-old-space-size=256');
    expect(await stop(cli)).toBe(0);
  }, 120_000);

  it("with --max-heap 0: V8's default, no relaunch; node's own flag wins over the default", async () => {
    const [unbounded, defaults] = await serve(['--max-heap', '0']);
    expect(defaults.pid).toBe(unbounded.child.pid);
    expect(defaults.heapLimitMb).toBeGreaterThan(DEFAULT_MAX_HEAP_MB + YOUNG_MB);
    expect(await stop(unbounded)).toBe(0);
    const [cli, served] = await serve([], { NODE_OPTIONS: '--max-old-space-size=300' });
    expect(served.pid).toBe(cli.child.pid);
    expect(served.heapLimitMb).toBeGreaterThanOrEqual(300);
    expect(served.heapLimitMb).toBeLessThan(300 + YOUNG_MB);
    expect(await stop(cli)).toBe(0);
  }, 180_000);

  it('refuses a bound it cannot honour, naming the setting, with exit code 2', async () => {
    const tooSmall = await runCliProcess(['serve', '--max-heap', '64', '--port', '0']);
    expect(tooSmall.code).toBe(2);
    expect(tooSmall.stderr).toMatch(
      /--max-heap must be 0 \(V8's default\) or a whole number of MB from 128 \(got "64"\)/,
    );
    const notANumber = await runCliProcess(['serve', '--port', '0'], { VOUCH_MAX_HEAP_MB: 'lots' });
    expect(notANumber.code).toBe(2);
    expect(notANumber.stderr).toMatch(/VOUCH_MAX_HEAP_MB must be 0 .* \(got "lots"\)/);
  }, 60_000);
});

describe('the bound a command line asks for', () => {
  it('applies to serve and start only; the flag wins over the environment; wrong values are left to the parser', () => {
    expect(requestedMaxHeapMb(['serve'], {})).toBe(DEFAULT_MAX_HEAP_MB);
    expect(requestedMaxHeapMb(['start', '--max-heap=512'], { VOUCH_MAX_HEAP_MB: '900' })).toBe(512);
    expect(requestedMaxHeapMb(['serve'], { VOUCH_MAX_HEAP_MB: '900' })).toBe(900);
    expect(requestedMaxHeapMb(['serve', '--max-heap', '0'], {})).toBe(0);
    expect(requestedMaxHeapMb(['serve', '--max-heap', '64'], {})).toBeUndefined();
    expect(requestedMaxHeapMb(['serve', '--max-heap', '1e3'], {})).toBeUndefined();
    expect(requestedMaxHeapMb(['seed', '--max-heap', '512'], {})).toBeUndefined();
    expect(requestedMaxHeapMb(['token'], { VOUCH_MAX_HEAP_MB: '512' })).toBeUndefined();
  });
});

import { request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnNpm, type CliProcess } from './support/cli-process';
import { seededDataDir } from './support/seeded-data-dir';

// `npm run vouch -- serve` and `npm start` run the way a developer types them: npm, its
// shell and node. A stop signal sent to npm alone must reach node (the scripts `exec` it),
// the request in flight must still be answered, and no node process may be left behind.

/** The pids of a process's children (Linux /proc). */
function childrenOf(pid: number): number[] {
  const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return text === '' ? [] : text.split(/\s+/).map(Number);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A GraphQL POST whose body is sent in two halves, so it is in flight until `finish()`. */
function slowRequest(port: number): { finish(): void; response: Promise<{ status: number; body: string }> } {
  const body = JSON.stringify({ query: '{ __schema { queryType { name } } }' });
  let finish = () => undefined as void;
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.write(body.slice(0, 10));
    finish = () => req.end(body.slice(10));
  });
  return { finish: () => finish(), response };
}

// jest sets NODE_ENV=test, under which Apollo installs no signal handlers of its own (they
// once re-raised SIGTERM and ended the process before the store was closed): a developer's
// shell has none.
const SHELL = { NODE_ENV: '' };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends `signal` to npm only, with a request in flight; checks it is answered and all exit. */
async function stopThroughNpm(npm: CliProcess, origin: string, signal: NodeJS.Signals): Promise<void> {
  const [node] = childrenOf(npm.child.pid!);
  expect(node).toBeDefined();
  // exec: npm's child is node itself, not a shell that would die and orphan it.
  expect(readFileSync(`/proc/${node}/cmdline`, 'utf8').split('\0')[0]).toMatch(/node$/);
  const inFlight = slowRequest(Number(new URL(origin).port));
  await pause(300);
  npm.child.kill(signal);
  await pause(700);
  inFlight.finish();
  const answer = await inFlight.response;
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body)).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  expect(await npm.exited).toBe(0);
  expect(alive(node!)).toBe(false);
  await expect(fetch(`${origin}/healthz`)).rejects.toThrow();
}

describe('stop signals sent to npm', () => {
  const root = mkdtempSync(join(tmpdir(), 'vouch-signals-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each(['SIGTERM', 'SIGINT'] as const)(
    '`npm run vouch -- serve` finishes the request in flight on %s, logs the stop and leaves no node behind',
    async (signal) => {
      const dataDir = await seededDataDir({ dataDir: join(root, `serve-${signal}`), scale: 0.01 });
      const npm = spawnNpm(
        'vouch',
        ['serve', '--data-dir', dataDir, '--port', '0', '--environment', 'development'],
        SHELL,
      );
      try {
        const [, origin] = (await npm.waitFor(/Vouch API: (http:\/\/[^/\s]+)\/graphql/, 90_000)) as [
          string,
          string,
        ];
        await stopThroughNpm(npm, origin, signal);
        expect(npm.stdout()).toContain(`"signal":"${signal}","msg":"stopping"`);
      } finally {
        if (npm.child.exitCode === null) npm.child.kill('SIGKILL');
      }
    },
    150_000,
  );

  it('`npm start` (build, seed, serve) stops on SIGTERM the same way', async () => {
    const npm = spawnNpm(
      'start',
      ['--data-dir', join(root, 'start'), '--port', '0', '--scale', '0.01'],
      SHELL,
    );
    try {
      const [, origin] = (await npm.waitFor(/GraphQL: +(http:\/\/[^/\s]+)\/graphql/, 400_000)) as [
        string,
        string,
      ];
      await stopThroughNpm(npm, origin, 'SIGTERM');
      expect(npm.stderr()).toContain('vouch: SIGTERM: stopping');
    } finally {
      if (npm.child.exitCode === null) npm.child.kill('SIGKILL');
    }
  }, 500_000);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliProcess, spawnCli, type CliProcess } from './support/cli-process';

// VOUCH_RATE_LIMIT reaches the API `vouch serve` runs: the third request of one user in a
// minute is refused when the limit is 2 (the default of 300 would answer it).
describe('vouch serve with VOUCH_RATE_LIMIT', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vouch-rate-'));
  let server: CliProcess | undefined;

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses the request past the limit with 429', async () => {
    server = spawnCli(['serve', '--data-dir', dataDir, '--port', '0', '--environment', 'development'], {
      VOUCH_RATE_LIMIT: '2',
    });
    const [, url] = (await server.waitFor(/Vouch API: (http:\/\/\S+\/graphql)/, 90_000)) as [string, string];
    const token = await runCliProcess([
      'token',
      '--data-dir',
      dataDir,
      '--user',
      'pat.pm',
      '--roles',
      'PROGRAM_MANAGER',
    ]);
    expect(token.code).toBe(0);
    const ask = () =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token.stdout.trim()}` },
        body: JSON.stringify({ query: '{ viewer { userId } }' }),
      });
    expect((await ask()).status).toBe(200);
    expect((await ask()).status).toBe(200);
    const refused = await ask();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  }, 150_000);
});

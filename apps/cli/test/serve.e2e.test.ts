import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliProcess, spawnCli, type CliProcess } from './support/cli-process';
import { seededDataDir } from './support/seeded-data-dir';

describe('vouch serve', () => {
  let dataDir: string | undefined;
  let server: CliProcess;
  let origin: string;

  beforeAll(async () => {
    dataDir = await seededDataDir({ prefix: 'vouch-serve-' });
    server = spawnCli(['serve', '--data-dir', dataDir, '--port', '0', '--environment', 'development']);
    [, origin] = (await server.waitFor(/Vouch API: (http:\/\/[^/\s]+)\/graphql/)) as [string, string];
  }, 80_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /healthz and /readyz', async () => {
    expect(await (await fetch(`${origin}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${origin}/readyz`)).json()).toEqual({ status: 'ready' });
  });

  it('accepts a token from `vouch token` and answers a query as its principal', async () => {
    const token = await runCliProcess([
      'token',
      '--data-dir',
      dataDir!,
      '--user',
      'pat.pm',
      '--roles',
      'PROGRAM_MANAGER,AUDITOR',
    ]);
    expect(token.code).toBe(0);
    const response = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token.stdout.trim()}` },
      body: JSON.stringify({ query: '{ viewer { userId tenantId roles } }' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: { viewer: { userId: 'pat.pm', tenantId: 'demo', roles: ['PROGRAM_MANAGER', 'AUDITOR'] } },
    });
  }, 20_000);

  it('refuses a token signed with another secret', async () => {
    const other = mkdtempSync(join(tmpdir(), 'vouch-other-'));
    try {
      const token = await runCliProcess(['token', '--data-dir', other, '--user', 'eve', '--roles', 'ADMIN']);
      const response = await fetch(`${origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token.stdout.trim()}` },
        body: JSON.stringify({ query: '{ viewer { userId } }' }),
      });
      expect(response.status).toBe(401);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }, 20_000);

  it('serves the tour GraphiQL with the example operations, offline', async () => {
    const page = await fetch(`${origin}/graphiql`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('mutation RequestReference');
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 20_000);
});

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, SignJWT, type KeyLike } from 'jose';
import { runCliProcess, spawnCli, type CliProcess } from './support/cli-process';

/** A token signed with an asymmetric key, with the claims an identity provider would set. */
function providerToken(
  alg: 'RS256' | 'ES256',
  key: KeyLike,
  claims: { iss?: string; aud?: string; kid?: string } = {},
): Promise<string> {
  let jwt = new SignJWT({ tenant: 'acme', roles: ['REQUESTER'] })
    .setProtectedHeader({ alg, ...(claims.kid ? { kid: claims.kid } : {}) })
    .setSubject('riley')
    .setIssuedAt()
    .setExpirationTime('5m');
  if (claims.iss) jwt = jwt.setIssuer(claims.iss);
  if (claims.aud) jwt = jwt.setAudience(claims.aud);
  return jwt.sign(key);
}

const viewer = (origin: string, token: string, headers: Record<string, string> = {}) =>
  fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ query: '{ viewer { userId tenantId } }' }),
  });

async function stop(server: CliProcess | undefined): Promise<void> {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

describe('vouch serve configured as an operator would', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vouch-serve-config-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  // Production: every secret comes from the environment (no HS256 secret with public keys).
  const PRODUCTION_SECRETS = {
    VOUCH_MASTER_KEY: randomBytes(32).toString('base64'),
    VOUCH_SIGNING_KEY: generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
  };

  describe('with an ES256 public key file, issuer, audience, CORS and a trusted proxy', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pemFile = join(dataDir, 'provider.pem');
    let server: CliProcess;
    let origin: string;

    beforeAll(async () => {
      writeFileSync(pemFile, publicKey.export({ type: 'spki', format: 'pem' }));
      server = spawnCli(
        [
          'serve',
          '--data-dir',
          dataDir,
          '--port',
          '0',
          '--jwt-public-key-file',
          pemFile,
          '--jwt-audience',
          'vouch-api',
        ],
        {
          ...PRODUCTION_SECRETS,
          VOUCH_JWT_ISSUER: 'https://id.example.com/',
          VOUCH_CORS_ORIGINS: 'https://app.example.com, https://admin.example.com',
          VOUCH_TRUST_PROXY: 'loopback',
        },
      );
      [, origin] = (await server.waitFor(/Vouch API: (http:\/\/[^/\s]+)\/graphql/)) as [string, string];
    }, 80_000);
    afterAll(() => stop(server));

    it('accepts a token of the provider with the right issuer and audience', async () => {
      const token = await providerToken('ES256', privateKey, {
        iss: 'https://id.example.com/',
        aud: 'vouch-api',
      });
      const response = await viewer(origin, token);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { viewer: { userId: 'riley', tenantId: 'acme' } } });
    });

    it('refuses a token of another issuer or audience, and HS256 tokens from `vouch token`', async () => {
      const wrongAudience = await providerToken('ES256', privateKey, {
        iss: 'https://id.example.com/',
        aud: 'other',
      });
      const wrongIssuer = await providerToken('ES256', privateKey, {
        iss: 'https://evil.example/',
        aud: 'vouch-api',
      });
      expect((await viewer(origin, wrongAudience)).status).toBe(401);
      expect((await viewer(origin, wrongIssuer)).status).toBe(401);
      const hs256 = await runCliProcess([
        'token',
        '--user',
        'pat',
        '--roles',
        'ADMIN',
        '--data-dir',
        dataDir,
      ]);
      expect(hs256.code).toBe(0);
      expect((await viewer(origin, hs256.stdout.trim())).status).toBe(401);
    }, 60_000);

    it('answers a preflight from an allowed origin', async () => {
      const preflight = await fetch(`${origin}/graphql`, {
        method: 'OPTIONS',
        headers: { origin: 'https://admin.example.com', 'access-control-request-method': 'POST' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://admin.example.com');
    });

    it('logs only JSON lines on stdout, requests with their full path', async () => {
      const token = await providerToken('ES256', privateKey, {
        iss: 'https://id.example.com/',
        aud: 'vouch-api',
      });
      await viewer(origin, token, { 'x-request-id': 'cfg-log-1' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const lines = server.stdout().split('\n').filter(Boolean);
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
      const request = lines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((entry) => entry.requestId === 'cfg-log-1');
      expect(request).toMatchObject({ path: '/graphql', status: 200 });
    });
  });

  describe('with a JWKS URL (RS256)', () => {
    let jwksServer: Server;
    let server: CliProcess;
    let origin: string;
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

    beforeAll(async () => {
      const jwk = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
      jwksServer = createServer((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
      const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`;
      server = spawnCli(
        ['serve', '--data-dir', dataDir, '--port', '0', '--jwks-url', jwksUrl],
        PRODUCTION_SECRETS,
      );
      [, origin] = (await server.waitFor(/Vouch API: (http:\/\/[^/\s]+)\/graphql/)) as [string, string];
    }, 80_000);
    afterAll(async () => {
      await stop(server);
      await new Promise((resolve) => jwksServer.close(resolve));
    });

    it("accepts the provider's RS256 token and refuses one signed with another key", async () => {
      expect((await viewer(origin, await providerToken('RS256', privateKey, { kid: 'key-1' }))).status).toBe(
        200,
      );
      const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      expect((await viewer(origin, await providerToken('RS256', other, { kid: 'key-1' }))).status).toBe(401);
    });
  });

  it('refuses wrong settings before starting, naming each one (exit code 2)', async () => {
    const server = await runCliProcess(
      ['serve', '--data-dir', dataDir, '--port', '0', '--cors-origin', 'app.example.com'],
      { VOUCH_TRUST_PROXY: 'everyone' },
    );
    expect(server.code).toBe(2);
    expect(server.stderr).toContain(
      '--cors-origin must list origins like https://app.example.com (got "app.example.com")',
    );
    expect(server.stderr).toContain('VOUCH_TRUST_PROXY must be false, true, a hop count');
    const keys = await runCliProcess(
      ['serve', '--data-dir', dataDir, '--port', '0', '--jwks-url', 'ftp://x'],
      {
        VOUCH_JWT_PUBLIC_KEY_FILE: join(dataDir, 'missing.pem'),
      },
    );
    expect(keys.code).toBe(2);
    expect(keys.stderr).toContain(
      'Give one source of public keys, not --jwks-url and VOUCH_JWT_PUBLIC_KEY_FILE.',
    );
    expect(keys.stderr).toContain('--jwks-url must be an http(s) URL (got "ftp://x").');
    expect(keys.stderr).toContain(`VOUCH_JWT_PUBLIC_KEY_FILE: no such file ${join(dataDir, 'missing.pem')}.`);
  }, 60_000);
});

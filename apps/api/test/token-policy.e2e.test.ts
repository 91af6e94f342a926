import { SignJWT } from 'jose';
import { createTokenVerifier } from '../src/auth/token-verifier';
import { codesOf, graphql } from './support/graphql-client';
import { startTestServer, type TestServer } from './support/test-server';
import { TEST_SECRET } from './support/tokens';

const VIEWER = '{ viewer { userId } }';
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** An HS256 token with exactly the given times and issuer/audience (none left out unless told). */
function token(claims: { iat?: number; exp?: number; iss?: string; aud?: string }): Promise<string> {
  return new SignJWT({ sub: 'sam', tenant: 'acme', roles: ['REQUESTER'], ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(TEST_SECRET));
}

describe('the token policy is safe by default', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  const status = async (jwt: string) => {
    const response = await graphql(t.url, VIEWER, {}, jwt);
    if (response.status === 401) expect(codesOf(response)).toEqual(['UNAUTHENTICATED']);
    return response.status;
  };

  it('accepts an ordinary token: issued now, living 12 hours', async () => {
    expect(await status(await token({ iat: nowSeconds(), exp: nowSeconds() + 12 * 3600 }))).toBe(200);
  });

  it('refuses a token expiring in the year 3000', async () => {
    expect(await status(await token({ iat: nowSeconds(), exp: Date.UTC(3000, 0, 1) / 1000 }))).toBe(401);
  });

  it('refuses a token living longer than 24 hours, even while it is young', async () => {
    expect(await status(await token({ iat: nowSeconds(), exp: nowSeconds() + 25 * 3600 }))).toBe(401);
    expect(await status(await token({ iat: nowSeconds(), exp: nowSeconds() + 23 * 3600 }))).toBe(200);
  });

  it('refuses a token issued in the future', async () => {
    expect(await status(await token({ iat: nowSeconds() + 60, exp: nowSeconds() + 3600 }))).toBe(401);
  });

  it('refuses a token without an issue time', async () => {
    expect(await status(await token({ exp: nowSeconds() + 3600 }))).toBe(401);
  });

  it('tolerates a few seconds of clock skew, not thirty', async () => {
    expect(await status(await token({ iat: nowSeconds() - 600, exp: nowSeconds() - 2 }))).toBe(200);
    expect(await status(await token({ iat: nowSeconds() - 600, exp: nowSeconds() - 20 }))).toBe(401);
  });
});

describe('a server that names its issuer and audience', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      auth: { hs256Secret: TEST_SECRET, issuer: 'https://idp.example', audience: 'vouch-api' },
    });
  });
  afterAll(() => t.close());

  const times = () => ({ iat: nowSeconds(), exp: nowSeconds() + 600 });
  const status = async (jwt: string) => (await graphql(t.url, VIEWER, {}, jwt)).status;

  it('requires both', async () => {
    expect(await status(await token({ ...times(), iss: 'https://idp.example', aud: 'vouch-api' }))).toBe(200);
    expect(await status(await token({ ...times(), aud: 'vouch-api' }))).toBe(401);
    expect(await status(await token({ ...times(), iss: 'https://idp.example' }))).toBe(401);
    expect(await status(await token({ ...times(), iss: 'https://evil.example', aud: 'vouch-api' }))).toBe(
      401,
    );
    expect(await status(await token({ ...times(), iss: 'https://idp.example', aud: 'other-api' }))).toBe(401);
  });
});

describe('the token policy is configurable within safe bounds', () => {
  it('takes a shorter lifetime and a tolerance of a few seconds', async () => {
    const verify = createTokenVerifier({
      hs256Secret: TEST_SECRET,
      maxTokenLifetimeSeconds: 3600,
      clockToleranceSeconds: 0,
    });
    await expect(verify(await token({ iat: nowSeconds(), exp: nowSeconds() + 7200 }))).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const session = await verify(await token({ iat: nowSeconds(), exp: nowSeconds() + 600 }));
    expect(session.principal.userId).toBe('sam');
    expect(session.expiresAt?.getTime()).toBeGreaterThan(Date.now());
  });

  it('refuses a configuration that is not safe', () => {
    expect(() => createTokenVerifier({ hs256Secret: TEST_SECRET, clockToleranceSeconds: 300 })).toThrow(
      /clockToleranceSeconds/,
    );
    expect(() =>
      createTokenVerifier({ hs256Secret: TEST_SECRET, maxTokenLifetimeSeconds: 365 * 86_400 }),
    ).toThrow(/maxTokenLifetimeSeconds/);
  });
});

import { codesOf, graphql } from './support/graphql-client';
import { startTestServer, type TestServer } from './support/test-server';
import { asymmetricKeys, hs256Token, signWith, TEST_SECRET, unsignedToken } from './support/tokens';

const VIEWER = '{ viewer { userId tenantId roles allowedOperations } }';

describe('authentication with JWT bearer tokens', () => {
  let t: TestServer;
  let rsa: Awaited<ReturnType<typeof asymmetricKeys>>;
  let ec: Awaited<ReturnType<typeof asymmetricKeys>>;

  beforeAll(async () => {
    rsa = await asymmetricKeys('RS256', 'rsa-1');
    ec = await asymmetricKeys('ES256', 'ec-1');
    t = await startTestServer({
      auth: { hs256Secret: TEST_SECRET, jwks: { keys: [...rsa.jwks.keys, ...ec.jwks.keys] } },
    });
  });
  afterAll(() => t.close());

  const expectUnauthenticated = async (token: string | undefined, header?: string) => {
    const response = await graphql(t.url, VIEWER, {}, token, header ? { authorization: header } : {});
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(codesOf(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.body.data ?? null).toBeNull();
  };

  it('takes user, tenant and roles from a valid HS256 token', async () => {
    const token = await hs256Token({ sub: 'sam', tenant: 'acme', roles: ['REQUESTER', 'NOT_A_ROLE'] });
    const response = await graphql<{
      viewer: { userId: string; tenantId: string; roles: string[]; allowedOperations: string[] };
    }>(t.url, VIEWER, {}, token);
    expect(response.status).toBe(200);
    expect(response.body.data?.viewer).toMatchObject({
      userId: 'sam',
      tenantId: 'acme',
      roles: ['REQUESTER'],
    });
    expect(response.body.data?.viewer.allowedOperations).toContain('SubmitReferenceRequest');
    expect(response.body.data?.viewer.allowedOperations).not.toContain('ApproveNomination');
  });

  it.each(['RS256', 'ES256'] as const)('accepts a %s token signed by a key of the JWKS', async (alg) => {
    const keys = alg === 'RS256' ? rsa : ec;
    const token = await signWith(alg, alg === 'RS256' ? 'rsa-1' : 'ec-1', keys.privateKey, {
      sub: 'ada',
      tenant: 'acme',
      roles: ['ADMIN'],
    });
    const response = await graphql<{ viewer: { userId: string } }>(t.url, VIEWER, {}, token);
    expect(response.body.data?.viewer.userId).toBe('ada');
  });

  it('refuses a request without a token', () => expectUnauthenticated(undefined));

  it('refuses a malformed Authorization header', () =>
    expectUnauthenticated(undefined, 'Basic dXNlcjpwYXNz'));

  it('refuses a token that is not a JWT', () => expectUnauthenticated('not-a-jwt'));

  it('refuses an expired token', async () =>
    expectUnauthenticated(
      await hs256Token(
        { sub: 'sam', tenant: 'acme', roles: ['REQUESTER'] },
        { expiresIn: Math.floor(Date.now() / 1000) - 3600 },
      ),
    ));

  it('refuses a token signed with another secret', async () =>
    expectUnauthenticated(
      await hs256Token(
        { sub: 'sam', tenant: 'acme', roles: ['REQUESTER'] },
        { secret: 'another-secret-that-is-32-bytes-long!!' },
      ),
    ));

  it('refuses an unsigned token (alg: none)', () =>
    expectUnauthenticated(unsignedToken({ sub: 'sam', tenant: 'acme', roles: ['PROGRAM_MANAGER'] })));

  it('refuses a token signed by a key that is not in the JWKS', async () => {
    const stranger = await asymmetricKeys('RS256', 'rsa-1');
    return expectUnauthenticated(
      await signWith('RS256', 'rsa-1', stranger.privateKey, { sub: 'eve', tenant: 'acme', roles: ['ADMIN'] }),
    );
  });

  it('refuses a token without a tenant or a user', async () => {
    await expectUnauthenticated(await hs256Token({ sub: 'sam', roles: ['REQUESTER'] }));
    await expectUnauthenticated(await hs256Token({ tenant: 'acme', roles: ['REQUESTER'] }));
  });

  it('a token with no known role is authenticated but may do nothing', async () => {
    const token = await hs256Token({ sub: 'sam', tenant: 'acme', roles: ['SUPERUSER'] });
    const response = await graphql(
      t.url,
      'mutation { setNominationPolicy(input: { commandId: "c1", minAccountHealth: 10 }) { version } }',
      {},
      token,
    );
    expect(codesOf(response)).toEqual(['FORBIDDEN']);
  });
});

describe('a server with only public keys', () => {
  it('refuses HS256 tokens (no algorithm confusion)', async () => {
    const { jwks } = await asymmetricKeys('ES256', 'ec-only');
    const t = await startTestServer({ auth: { jwks } });
    try {
      const token = await hs256Token({ sub: 'sam', tenant: 'acme', roles: ['REQUESTER'] });
      const response = await graphql(t.url, VIEWER, {}, token);
      expect(response.status).toBe(401);
      expect(codesOf(response)).toEqual(['UNAUTHENTICATED']);
    } finally {
      await t.close();
    }
  });
});

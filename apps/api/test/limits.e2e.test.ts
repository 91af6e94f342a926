import { buildClientSchema, getIntrospectionQuery, printSchema, type IntrospectionQuery } from 'graphql';
import { buildApiSchema } from '../src';
import { codesOf, graphql } from './support/graphql-client';

type ErrorBody = { errors: { extensions: { code: string } }[] };
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

describe('request limits and GraphQL-over-HTTP conventions', () => {
  let t: TestServer;
  let token: string;

  beforeAll(async () => {
    t = await startTestServer({
      limits: {
        maxDepth: 3,
        maxAliases: 3,
        maxTokens: 200,
        maxCost: 30,
        maxBodyBytes: 4096,

        rateLimitPerWindow: 1000,
      },
    });
    token = await tokenFor('limits', 'lee', ['PROGRAM_MANAGER']);
  });
  afterAll(() => t.close());

  it('refuses an operation nested too deep', async () => {
    const deep = '{ viewer { userId } __schema { types { fields { type { name } } } } }';
    const response = await graphql(t.url, deep, {}, token);
    expect(response.status).toBe(400);
    expect(codesOf(response)).toContain('QUERY_TOO_DEEP');
  });

  it('refuses too many aliases', async () => {
    const aliased = `{ ${[1, 2, 3, 4].map((n) => `v${n}: viewer { userId }`).join(' ')} }`;
    const response = await graphql(t.url, aliased, {}, token);
    expect(response.status).toBe(400);
    expect(codesOf(response)).toContain('TOO_MANY_ALIASES');
  });

  it('refuses a document with too many tokens before validating it', async () => {
    const long = `{ viewer { ${Array.from({ length: 250 }, () => 'userId').join(' ')} } }`;
    const response = await graphql(t.url, long, {}, token);
    expect(response.status).toBe(400);
    expect(codesOf(response)).toEqual(['GRAPHQL_PARSE_FAILED']);
  });

  it('refuses an operation that costs more than the limit', async () => {
    const costly = `{ a: viewer { userId tenantId roles allowedOperations } b: viewer { userId tenantId roles allowedOperations } c: viewer { userId tenantId roles allowedOperations } ${Array.from(
      { length: 20 },
      () => 'viewer { userId }',
    ).join(' ')} }`;
    const response = await graphql(t.url, costly, {}, token);
    expect(response.status).toBe(400);
    expect(codesOf(response)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('refuses batched requests', async () => {
    const response = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify([{ query: '{ viewer { userId } }' }, { query: '{ viewer { userId } }' }]),
    });
    expect(response.status).toBe(400);
  });

  it('refuses a body larger than the limit with 413', async () => {
    const response = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ viewer { userId } }', variables: { pad: 'x'.repeat(10_000) } }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorBody).errors[0]?.extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses malformed JSON with 400', async () => {
    const response = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).errors[0]?.extensions.code).toBe('BAD_REQUEST');
  });

  it('answers queries over GET with a preflight header, refuses simple GETs (CSRF) and mutations over GET', async () => {
    const query = encodeURIComponent('{ viewer { userId } }');
    const ok = await fetch(`${t.url}?query=${query}`, {
      headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { data: { viewer: { userId: string } } }).data.viewer.userId).toBe('lee');

    const simple = await fetch(`${t.url}?query=${query}`, { headers: { authorization: `Bearer ${token}` } });
    expect(simple.status).toBe(400);

    const mutation = encodeURIComponent(
      'mutation { setNominationPolicy(input: { commandId: "g", minAccountHealth: 1 }) { version } }',
    );
    const get = await fetch(`${t.url}?query=${mutation}`, {
      headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(405);
    expect(await t.store.readAll('limits')).toEqual([]);
  });

  it('answers application/graphql-response+json when the client asks for it', async () => {
    const response = await graphql(t.url, '{ viewer { userId } }', {}, token);
    expect(response.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
  });

  it('refuses introspection in production', async () => {
    const production = await startTestServer();
    try {
      const response = await graphql(production.url, '{ __schema { queryType { name } } }', {}, token);
      expect(response.status).toBe(400);
      expect(codesOf(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(response.body.errors?.[0]?.message).toMatch(/introspection/i);
    } finally {
      await production.close();
    }
  });

  it('answers health and readiness probes, and gives every response a request id', async () => {
    const health = await fetch(`${t.origin}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const ready = await fetch(`${t.origin}/readyz`, { headers: { 'x-request-id': 'probe-1' } });
    expect(ready.status).toBe(200);
    expect(ready.headers.get('x-request-id')).toBe('probe-1');
  });
});

describe('the per-user rate limit', () => {
  it('answers 429 with Retry-After once a user has used up the window, while other users go on', async () => {
    const t = await startTestServer({ limits: { rateLimitPerWindow: 3, rateLimitWindowMs: 60_000 } });
    try {
      const busy = await tokenFor('rate', 'busy', ['REQUESTER']);
      const calm = await tokenFor('rate', 'calm', ['REQUESTER']);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await graphql(t.url, '{ viewer { userId } }', {}, busy)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await graphql(t.url, '{ viewer { userId } }', {}, busy);
      expect(codesOf(limited)).toEqual(['RATE_LIMITED']);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await graphql(t.url, '{ viewer { userId } }', {}, calm)).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('development mode', () => {
  it('serves GraphiQL to browsers and allows introspection', async () => {
    const t = await startTestServer({ environment: 'development' });
    try {
      const page = await fetch(t.url, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Vouch GraphQL API');
      const token = await tokenFor('dev', 'dee', ['AUDITOR']);
      const response = await graphql<{ __schema: { queryType: { name: string } } }>(
        t.url,
        '{ __schema { queryType { name } } }',
        {},
        token,
      );
      expect(response.body.data?.__schema.queryType.name).toBe('Query');
    } finally {
      await t.close();
    }
  });

  // What GraphiQL, codegen and `get-graphql-schema` send: deeper than any operation may be.
  const introspection = [
    ['the default options', getIntrospectionQuery()],
    [
      'every option GraphiQL 3+ turns on',
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
        oneOf: true,
      }),
    ],
  ];

  it.each(introspection)(
    'answers the standard introspection query (%s) in development with the default limits, and the schema it gives is ours',
    async (_label, query) => {
      const t = await startTestServer({ environment: 'development' });
      try {
        const token = await tokenFor('dev', 'dee', ['REQUESTER']);
        const response = await graphql<IntrospectionQuery>(t.url, query, {}, token);
        expect(response.body.errors).toBeUndefined();
        const schema = buildClientSchema(response.body.data!);
        // Without `specifiedByUrl` the client cannot know a scalar's @specifiedBy.
        const ours = printSchema(buildApiSchema());
        expect(printSchema(schema)).toBe(
          query.includes('specifiedByURL') ? ours : ours.replace(/ @specifiedBy\(url: "[^"]*"\)/g, ''),
        );
      } finally {
        await t.close();
      }
    },
  );

  it('refuses the standard introspection query in production', async () => {
    const t = await startTestServer();
    try {
      const token = await tokenFor('prod', 'pia', ['REQUESTER']);
      const response = await graphql(t.url, getIntrospectionQuery(), {}, token);
      expect(response.status).toBe(400);
      expect(response.body.errors?.some((e) => /introspection/i.test(e.message))).toBe(true);
      expect(response.body.data).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it('still limits the depth of an ordinary operation in development', async () => {
    const t = await startTestServer({ environment: 'development', limits: { maxDepth: 3 } });
    try {
      const token = await tokenFor('dev', 'dee', ['AUDITOR']);
      const deep = await graphql(
        t.url,
        '{ __type(name: "Query") { fields { type { fields { name } } } } }',
        {},
        token,
      );
      expect(codesOf(deep)).toContain('QUERY_TOO_DEEP');
    } finally {
      await t.close();
    }
  });

  it('lets a tool read the schema without a valid token in development only, and nothing else', async () => {
    const anonymous = (url: string, query: string, authorization?: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ query }),
      });
    const dev = await startTestServer({ environment: 'development' });
    const prod = await startTestServer();
    try {
      const schemaOnly = getIntrospectionQuery();
      expect((await anonymous(dev.url, schemaOnly)).status).toBe(200);
      expect((await anonymous(dev.url, schemaOnly, 'Bearer <token>')).status).toBe(200);
      expect((await anonymous(dev.url, '{ __schema { queryType { name } } viewer { userId } }')).status).toBe(
        401,
      );
      expect((await anonymous(dev.url, '{ viewer { userId } }')).status).toBe(401);
      expect((await anonymous(dev.url, 'mutation { __typename }')).status).toBe(401);
      expect((await anonymous(prod.url, schemaOnly)).status).toBe(401);
    } finally {
      await dev.close();
      await prod.close();
    }
  });
});

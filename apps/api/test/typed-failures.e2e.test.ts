import { createHash } from 'node:crypto';
import type { GraphQLEnumType } from 'graphql';
import { buildApiSchema } from '../src';
import { codesOf, graphql, newCommandId } from './support/graphql-client';
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

/** POSTs a raw GraphQL-over-HTTP body and reads the JSON answer (failing loudly on a non-JSON body). */
async function post(url: string, body: unknown, token: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const json = JSON.parse(text) as {
    data?: unknown;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  return { status: response.status, body: json, codes: (json.errors ?? []).map((e) => e.extensions?.code) };
}

// Whatever the enum's spelling, its first value.
const replayKind = (buildApiSchema().getType('ReplaySubjectKind') as GraphQLEnumType).getValues()[0]!.name;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('failures a fuzz found as 500s now carry their typed code', () => {
  let t: TestServer;
  let token: string;

  beforeAll(async () => {
    // Room for the 60 directives of the variable-errors case.
    t = await startTestServer({ limits: { rateLimitPerWindow: 10_000, maxDirectives: 100 } });
    token = await tokenFor('typed', 'aud', ['AUDITOR', 'PROGRAM_MANAGER']);
  });
  afterAll(() => t.close());

  it('an operationName for an anonymous operation: 400 OPERATION_RESOLUTION_FAILURE', async () => {
    const response = await post(t.url, { query: '{ __typename }', operationName: 'x' }, token);
    expect(response.status).toBe(400);
    expect(response.codes).toEqual(['OPERATION_RESOLUTION_FAILURE']);
  });

  it('an operationName that names no operation of a named document: 400 OPERATION_RESOLUTION_FAILURE', async () => {
    const response = await post(t.url, { query: 'query A { __typename }', operationName: 'B' }, token);
    expect(response.status).toBe(400);
    expect(response.codes).toEqual(['OPERATION_RESOLUTION_FAILURE']);
  });

  it('a subscription sent over POST: 400 BAD_REQUEST pointing at WebSocket', async () => {
    const response = await post(
      t.url,
      { query: 'subscription { requestStatusChanged { eventType } }' },
      token,
    );
    expect(response.status).toBe(400);
    expect(response.codes).toEqual(['BAD_REQUEST']);
    expect(response.body.errors?.[0]?.message).toMatch(/WebSocket/);
  });

  it('an automatic persisted query of an unknown version: 400 BAD_REQUEST', async () => {
    const response = await post(
      t.url,
      {
        query: '{ __typename }',
        extensions: { persistedQuery: { version: 2, sha256Hash: sha256('{ __typename }') } },
      },
      token,
    );
    expect(response.status).toBe(400);
    expect(response.codes).toEqual(['BAD_REQUEST']);
  });

  it('an automatic persisted query whose hash does not match its text: 400 BAD_REQUEST', async () => {
    const response = await post(
      t.url,
      {
        query: '{ __typename }',
        extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ other }') } },
      },
      token,
    );
    expect(response.status).toBe(400);
    expect(response.codes).toEqual(['BAD_REQUEST']);
  });

  it('an automatic persisted query not yet known: PERSISTED_QUERY_NOT_FOUND, then served once registered', async () => {
    const query = '{ viewer { userId } }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
    const unknown = await post(t.url, { extensions }, token);
    expect(unknown.codes).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect((await post(t.url, { query, extensions }, token)).status).toBe(200);
    const known = await post(t.url, { extensions }, token);
    expect(known.body.data).toEqual({ viewer: { userId: 'aud' } });
  });

  it('an over-long id to subjectAsOf: BAD_USER_INPUT, the id not echoed', async () => {
    const response = await graphql(
      t.url,
      `query($id: ID!) { subjectAsOf(kind: ${replayKind}, id: $id, at: "2026-11-01T00:00:00Z") { at } }`,
      { id: 'x'.repeat(10_000) },
      token,
    );
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(response.body)).not.toContain('x'.repeat(100));
  });

  it('more than 50 variable errors: 400 BAD_USER_INPUT, not the uncoded "Too many errors"', async () => {
    const names = Array.from({ length: 60 }, (_, i) => `v${i}`);
    const query = `query(${names.map((n) => `$${n}: Boolean!`).join(', ')}) { ${names
      .map((n) => `__typename @include(if: $${n})`)
      .join(' ')} }`;
    const variables = Object.fromEntries(names.map((n) => [n, 'not a number']));
    const response = await graphql(t.url, query, variables, token);
    expect(response.status).toBe(400);
    expect(new Set(codesOf(response))).toEqual(new Set(['BAD_USER_INPUT']));
    expect(JSON.stringify(response.body)).not.toContain('not a number');
  });

  it('a variable sent as null into a non-null directive argument (found by the document fuzz): BAD_USER_INPUT', async () => {
    const response = await graphql(
      t.url,
      'query Q($flag: Boolean = false) { viewer @skip(if: $flag) { userId } }',
      { flag: null },
      token,
    );
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
  });

  it.each(['PUT', 'DELETE', 'PATCH'])('%s: 405 with Allow and a typed JSON body', async (method) => {
    const response = await fetch(t.url, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('a command id far too long: BAD_USER_INPUT, nothing written', async () => {
    const response = await graphql(
      t.url,
      'mutation($input: SetNominationPolicyInput!) { setNominationPolicy(input: $input) { __typename } }',
      { input: { commandId: newCommandId('x'.repeat(5000)), minAccountHealth: 50 } },
      token,
    );
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(await t.store.readAll('typed')).toEqual([]);
  });
});

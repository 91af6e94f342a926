import type { IncomingMessage, ServerResponse } from 'node:http';
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

// Express re-prototypes every request and response it handles; on a live object that kept each
// request's objects alive through the young collections (promoted to the old generation, ≈ 9 KB a
// request: docs/benchmarks.md, heap20). The server creates them with Express's prototypes instead.
describe('requests reach Express already shaped as its own', () => {
  let t: TestServer;
  const seen: { request: boolean; response: boolean }[] = [];

  beforeAll(async () => {
    t = await startTestServer();
    const app = t.server.app as unknown as { request: object; response: object };
    // Before Express's handler runs: what the HTTP server itself created.
    t.server.httpServer.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
      seen.push({
        request: Object.getPrototypeOf(req) === app.request,
        response: Object.getPrototypeOf(res) === app.response,
      });
    });
  });
  afterAll(() => t.close());
  beforeEach(() => {
    seen.length = 0;
  });

  it('answers a query through requests and responses created with Express’s prototypes', async () => {
    const token = await tokenFor('express-prototypes', 'pat-pm', ['PROGRAM_MANAGER']);
    const response = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    // Express's own response methods ran on it (the request id set by `res.setHeader`, the JSON sent by Apollo).
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen).toEqual([{ request: true, response: true }]);
  });

  it('still refuses what Express refuses, through the same prototypes', async () => {
    const response = await fetch(t.url, { method: 'DELETE' });
    expect(response.status).toBe(405);
    const malformed = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(malformed.status).toBe(400);
    expect(seen).toEqual([
      { request: true, response: true },
      { request: true, response: true },
    ]);
  });
});

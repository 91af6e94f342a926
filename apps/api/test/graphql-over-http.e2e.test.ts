import { serverAudits } from 'graphql-http';
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

/**
 * The GraphQL-over-HTTP spec's server audit (graphql-http, the reference implementation's
 * suite): every MUST passes in development. Each request carries a valid token, as any
 * client of this API must send one.
 */
describe('GraphQL over HTTP (graphql-http audit) in development', () => {
  let t: TestServer;
  let token: string;

  beforeAll(async () => {
    t = await startTestServer({ environment: 'development', limits: { rateLimitPerWindow: 10_000 } });
    token = await tokenFor('audit', 'ada', ['AUDITOR']);
  });
  afterAll(() => t.close());

  const audits = serverAudits({
    url: () => t.url,
    fetchFn: (input: string | URL | Request, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    },
  });

  it.each(audits.filter((audit) => audit.name.startsWith('MUST')).map((audit) => [audit.name, audit]))(
    '%s',
    async (_name, audit) => {
      const result = await audit.fn();
      expect(result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`).toBe('ok');
    },
  );
});

import { InMemoryEventStore, type EventStore } from '@vouch/event-store';
import { codesOf, graphql } from './support/graphql-client';
import { startTestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

describe('CORS allow-list', () => {
  it('answers a preflight from an allowed origin with Access-Control-*, and gives other origins none', async () => {
    const t = await startTestServer({ corsOrigins: ['https://app.example.com'] });
    try {
      const preflight = (origin: string) =>
        fetch(t.url, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization, content-type',
          },
        });
      const allowed = await preflight('https://app.example.com');
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
      expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');

      const other = await preflight('https://evil.example.net');
      expect(other.headers.get('access-control-allow-origin')).toBeNull();

      // The actual request from the allowed origin carries the header too.
      const token = await tokenFor('cors', 'cid', ['REQUESTER']);
      const response = await graphql(t.url, '{ viewer { userId } }', {}, token, {
        origin: 'https://app.example.com',
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    } finally {
      await t.close();
    }
  });

  it('sends no CORS headers at all when no origin is allowed (the default)', async () => {
    const t = await startTestServer();
    try {
      const preflight = await fetch(t.url, {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await t.close();
    }
  });
});

describe('the per-address limit for requests without a valid token', () => {
  const anonymous = (url: string, forwardedFor?: string) =>
    fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
      },
      body: JSON.stringify({ query: '{ __typename }' }),
    });

  it('answers 401 until the address has used its window, then 429 with Retry-After', async () => {
    const t = await startTestServer({ limits: { anonymousRateLimitPerWindow: 3 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await anonymous(t.url)).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const limited = await anonymous(t.url);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(
        ((await limited.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
      ).toBe('RATE_LIMITED');
      // A valid token is counted per user, not per address.
      const token = await tokenFor('rate', 'valid', ['REQUESTER']);
      expect((await graphql(t.url, '{ viewer { userId } }', {}, token)).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('ignores X-Forwarded-For by default, so a client cannot pick a fresh address per request', async () => {
    const t = await startTestServer({ limits: { anonymousRateLimitPerWindow: 2 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await anonymous(t.url, `10.0.0.${i}`)).status);
      expect(statuses).toEqual([401, 401, 429, 429]);
    } finally {
      await t.close();
    }
  });

  it('counts per forwarded client behind a trusted proxy', async () => {
    const t = await startTestServer({ limits: { anonymousRateLimitPerWindow: 2 }, trustProxy: 'loopback' });
    try {
      const statuses: number[] = [];
      for (const client of ['10.0.0.1', '10.0.0.1', '10.0.0.1', '10.0.0.2'])
        statuses.push((await anonymous(t.url, client)).status);
      expect(statuses).toEqual([401, 401, 429, 401]);
    } finally {
      await t.close();
    }
  });
});

describe('the execution timeout', () => {
  /** A store whose integrity check takes `ms`: the operation outlives a short timeout. */
  function slowStore(store: EventStore, ms: number): EventStore {
    return new Proxy(store, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property !== 'verifyTenant' || typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          await new Promise((resolve) => setTimeout(resolve, ms));
          return value.apply(target, args);
        };
      },
    });
  }

  it('refuses the fields not yet resolved with EXECUTION_TIMEOUT once the operation runs too long', async () => {
    const t = await startTestServer({
      store: slowStore(new InMemoryEventStore(), 300),
      limits: { executionTimeoutMs: 50 },
    });
    try {
      const auditor = await tokenFor('slow', 'ann', ['AUDITOR']);
      const response = await graphql(t.url, '{ verifyIntegrity { ok eventsChecked } }', {}, auditor);
      expect(codesOf(response)).toContain('EXECUTION_TIMEOUT');
      expect(response.body.data ?? null).toBeNull();
      // A quick operation on the same server is unaffected.
      const quick = await graphql(t.url, '{ viewer { userId } }', {}, auditor);
      expect(quick.body.data).toEqual({ viewer: { userId: 'ann' } });
    } finally {
      await t.close();
    }
  });
});

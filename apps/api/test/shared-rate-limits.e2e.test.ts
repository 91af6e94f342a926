import { createHmac, randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { startPostgresTestServer, type PostgresTestServer } from '@vouch/event-store-postgres/testing';
import { postgresRateLimits } from '../src';
import { codesOf, graphql, type GraphQLResponse } from './support/graphql-client';
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

// Two API instances counting in one PostgreSQL table: a user's requests spread over both
// are held to one limit, not one limit per instance.

let database: PostgresTestServer;
let pool: Pool;
let instances: [TestServer, TestServer];
const digestKey = randomBytes(32);

beforeAll(async () => {
  database = await startPostgresTestServer();
  pool = new Pool({ connectionString: database.url });
  // As the store's own pool does: an idle connection the server drops (here, the server stopping
  // while a connection is still being closed) emits 'error' on the pool, which must be listened to.
  pool.on('error', () => undefined);
  const shared = postgresRateLimits({
    pool,
    digest: (key) => createHmac('sha256', digestKey).update(key).digest('hex'),
  });
  const limits = { rateLimitPerWindow: 4, anonymousRateLimitPerWindow: 3, rateLimitWindowMs: 60_000 };
  instances = [
    await startTestServer({ limits, rateLimitStore: shared }),
    await startTestServer({ limits, rateLimitStore: shared }),
  ];
}, 120_000);

afterAll(async () => {
  await Promise.all(instances?.map((t) => t.close()) ?? []);
  await pool?.end();
  await database?.stop();
});

/** Sends `count` requests alternating between the instances, starting with the first. */
async function alternate(count: number, token: string): Promise<GraphQLResponse[]> {
  const responses: GraphQLResponse[] = [];
  for (let i = 0; i < count; i += 1) {
    responses.push(await graphql(instances[i % 2]!.url, '{ viewer { userId } }', {}, token));
  }
  return responses;
}

describe('rate limits shared through PostgreSQL', () => {
  it('holds a user to one limit across two instances, with Retry-After, while another user goes on', async () => {
    const busy = await tokenFor('shared', 'busy', ['REQUESTER']);
    const responses = await alternate(5, busy);
    // In memory each instance would have let its 2 or 3 requests through.
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 429]);
    expect(codesOf(responses[4]!)).toEqual(['RATE_LIMITED']);
    expect(Number(responses[4]!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await graphql(instances[1].url, '{ viewer { userId } }', {}, busy)).status).toBe(429);
    const calm = await tokenFor('shared', 'calm', ['REQUESTER']);
    expect((await graphql(instances[1].url, '{ viewer { userId } }', {}, calm)).status).toBe(200);
  });

  it('holds requests without a valid token to the per-address limit across instances', async () => {
    const responses = await alternate(4, 'not-a-token');
    expect(responses.map((r) => r.status)).toEqual([401, 401, 401, 429]);
  });

  it('keeps keyed digests only: no user id, tenant or address in the table', async () => {
    const { rows } = await pool.query<{ key: string }>('SELECT key FROM rate_limits');
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const { key } of rows) {
      expect(key).toMatch(/^(user|address):[0-9a-f]{64}$/);
      expect(key).not.toMatch(/busy|calm|shared|127\.0\.0\.1/);
    }
  });
});

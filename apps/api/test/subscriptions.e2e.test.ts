import { createClient, type Client, type ExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { newCommandId } from './support/graphql-client';
import { mustMutate } from './support/mutations';
import { eventually } from './support/program-story';
import { startTestServer, type TestServer } from './support/test-server';
import { hs256Token, tokenFor } from './support/tokens';

/** A graphql-ws client over `ws`, never retrying, so a refused connection surfaces at once. */
function wsClient(url: string, authorization?: string): Client {
  return createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: authorization ? { authorization } : {},
    retryAttempts: 0,
    shouldRetry: () => false,
  });
}

/** Subscribes and collects what arrives: results, or the error that ended it. */
function collect(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const results: ExecutionResult<Record<string, any>>[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any -- checked by the expectations
  const ended: { error?: unknown; done: boolean } = { done: false };
  const dispose = client.subscribe(
    { query, variables },
    {
      next: (result) => results.push(result as never),
      error: (error) => {
        ended.error = error;
        ended.done = true;
      },
      complete: () => {
        ended.done = true;
      },
    },
  );
  return { results, ended, dispose };
}

const STATUS = `subscription($requestId: ID) {
  requestStatusChanged(requestId: $requestId) { requestId status previousStatus eventType checkpoint recordedAt request { requestId status priority } }
}`;

const submit = (url: string, token: string, requestId: string) =>
  mustMutate(url, token, 'submitReferenceRequest', {
    commandId: newCommandId(),
    requestId,
    department: 'SALES',
    kind: 'REFERENCE_CALL',
    advocatesNeeded: 1,
    opportunity: {
      opportunityId: `opp-${requestId}`,
      stage: 'EVALUATION',
      amount: { amount: 5000, currency: 'USD' },
      industry: 'Retail',
      region: 'NA',
      products: ['Planner'],
    },
    criteria: { territory: 'NA', channel: 'PRIVATE' },
    dueBy: '2026-12-10T00:00:00.000Z',
  });

/**
 * Submits requests until the subscription has heard of one: the first message proves the
 * server's side of the subscription is live (it starts at the tenant's head when it is ready).
 */
async function untilLive(
  url: string,
  token: string,
  prefix: string,
  heard: { results: unknown[] },
): Promise<string> {
  for (let n = 0; ; n++) {
    const requestId = `${prefix}-${n}`;
    await submit(url, token, requestId);
    try {
      await eventually(async () => expect(heard.results.length).toBeGreaterThan(0), 200);
      return requestId;
    } catch {
      if (n > 50) throw new Error('The subscription never went live.');
    }
  }
}

describe('subscriptions over WebSocket (graphql-ws)', () => {
  let t: TestServer;
  const clients: Client[] = [];
  const client = (authorization?: string) => {
    const c = wsClient(t.url, authorization);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    t = await startTestServer({ limits: { rateLimitPerWindow: 10_000 } });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await t.close();
  });

  it("delivers a request's status changes to its tenant only", async () => {
    const pmA = await tokenFor('ws-a', 'pat', ['PROGRAM_MANAGER']);
    const pmB = await tokenFor('ws-b', 'mallory', ['PROGRAM_MANAGER']);
    const a = collect(client(`Bearer ${pmA}`), STATUS);
    const b = collect(client(`Bearer ${pmB}`), STATUS);

    const live = await untilLive(t.url, pmA, 'a-req', a);
    expect(a.results[0]?.data?.requestStatusChanged).toMatchObject({
      status: 'SUBMITTED',
      previousStatus: null,
      eventType: 'ReferenceRequestSubmitted',
      request: { status: 'SUBMITTED' },
    });
    await mustMutate(t.url, pmA, 'triageRequest', {
      commandId: newCommandId(),
      requestId: live,
      priority: 'HIGH',
    });
    await eventually(async () =>
      expect(a.results.map((r) => r.data?.requestStatusChanged)).toContainEqual(
        expect.objectContaining({
          requestId: live,
          status: 'TRIAGED',
          previousStatus: 'SUBMITTED',
          eventType: 'RequestTriaged',
          request: { requestId: live, status: 'TRIAGED', priority: 'HIGH' },
        }),
      ),
    );

    await untilLive(t.url, pmB, 'b-req', b);
    const heardByB = b.results.map((r) => r.data?.requestStatusChanged.requestId as string);
    const heardByA = a.results.map((r) => r.data?.requestStatusChanged.requestId as string);
    expect(heardByB.every((id) => id.startsWith('b-req'))).toBe(true);
    expect(heardByA.every((id) => id.startsWith('a-req'))).toBe(true);
    expect(a.ended.done || b.ended.done).toBe(false);
  });

  it('follows one request when asked, and tells a requester only of their own', async () => {
    const pm = await tokenFor('ws-c', 'pat', ['PROGRAM_MANAGER']);
    const rep = await tokenFor('ws-c', 'sam', ['REQUESTER']);
    await submit(t.url, rep, 'sams-request');
    const mine = collect(client(`Bearer ${rep}`), STATUS, { requestId: 'sams-request' });
    const all = collect(client(`Bearer ${rep}`), STATUS);
    // Other people's requests (the PM's) never reach Sam; triaging Sam's does, once live.
    const others = collect(client(`Bearer ${pm}`), STATUS);
    await untilLive(t.url, pm, 'pm-req', others);
    await mustMutate(t.url, pm, 'triageRequest', {
      commandId: newCommandId(),
      requestId: 'sams-request',
      priority: 'LOW',
    });
    await eventually(async () => {
      expect(mine.results.map((r) => r.data?.requestStatusChanged)).toEqual([
        expect.objectContaining({
          requestId: 'sams-request',
          status: 'TRIAGED',
          previousStatus: 'SUBMITTED',
        }),
      ]);
      expect(all.results.map((r) => r.data?.requestStatusChanged.requestId)).toEqual(['sams-request']);
    });
  });

  it("delivers availability changes and reads the advocate's availability through the query", async () => {
    const pm = await tokenFor('ws-d', 'pat', ['PROGRAM_MANAGER']);
    await mustMutate(t.url, pm, 'registerAccount', {
      commandId: newCommandId(),
      accountId: 'globex',
      name: 'Globex',
      industry: 'Retail',
      segment: 'SMB',
      region: 'NA',
      products: ['Planner'],
      ownerId: 'olga',
    });
    const changes = collect(
      client(`Bearer ${pm}`),
      `subscription { availabilityChanged { advocateId eventType advocate { status } availability(kind: REFERENCE_CALL) { available reasons { code } } } }`,
    );
    for (let n = 0; changes.results.length === 0; n++) {
      if (n > 50) throw new Error('The subscription never went live.');
      await mustMutate(t.url, pm, 'enrolAdvocate', {
        commandId: newCommandId(),
        advocateId: `adv-${n}`,
        accountId: 'globex',
        name: 'Someone',
        email: `someone${n}@example.com`,
        title: 'Planner',
        seniority: 'MANAGER',
        products: ['Planner'],
        useCases: ['planning'],
        languages: ['en'],
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(changes.results[0]?.data?.availabilityChanged).toMatchObject({
      eventType: 'AdvocateEnrolled',
      advocate: { status: 'CANDIDATE' },
      availability: { available: false, reasons: expect.arrayContaining([{ code: 'CANDIDATE' }]) },
    });
  });

  it.each([
    ['no token', undefined],
    ['a malformed header', 'Token abc'],
    ['a forged token', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl'],
  ])('closes the connection with 4403 on %s', async (_label, authorization) => {
    const refused = collect(client(authorization), STATUS);
    await eventually(async () => expect(refused.ended.done).toBe(true));
    expect((refused.ended.error as { code?: number }).code).toBe(4403);
    expect(refused.results).toEqual([]);
  });

  it('closes with 4429 once an address has used up its connections without a valid token', async () => {
    const tight = await startTestServer({ limits: { anonymousRateLimitPerWindow: 2 } });
    try {
      const closes: number[] = [];
      for (let i = 0; i < 3; i++) {
        const refused = collect(wsClient(tight.url, 'Bearer not-a-token'), STATUS);
        await eventually(async () => expect(refused.ended.done).toBe(true));
        closes.push((refused.ended.error as { code?: number }).code ?? 0);
      }
      expect(closes).toEqual([4403, 4403, 4429]);
    } finally {
      await tight.close();
    }
  });

  it('applies the same limits and rules as HTTP', async () => {
    const rep = await tokenFor('ws-e', 'sam', ['REQUESTER']);
    const admin = await tokenFor('ws-e', 'ada', ['ADMIN']);
    const deep = collect(
      client(`Bearer ${rep}`),
      'subscription { requestStatusChanged { request { candidates { advocate { contact { name } } } } } }',
    );
    const tight = await startTestServer({ limits: { maxDepth: 3 } });
    const limited = wsClient(tight.url, `Bearer ${rep}`);
    try {
      const tooDeep = collect(
        limited,
        'subscription { requestStatusChanged { request { candidates { advocateId } } } }',
      );
      const query = collect(client(`Bearer ${rep}`), '{ viewer { userId } }');
      const forbidden = collect(
        client(`Bearer ${admin}`),
        'subscription { availabilityChanged { advocateId } }',
      );
      await eventually(async () => {
        expect(tooDeep.ended.done && query.ended.done && forbidden.ended.done).toBe(true);
      });
      const codes = (errors: unknown) =>
        (errors as { extensions?: { code?: string } }[]).map((e) => e.extensions?.code);
      expect(codes(tooDeep.ended.error)).toEqual(['QUERY_TOO_DEEP']);
      expect(codes(query.ended.error)).toEqual(['BAD_REQUEST']);
      // A subscription refused by the permission table ends with FORBIDDEN as its only result.
      expect(forbidden.results.flatMap((r) => r.errors ?? []).map((e) => e.extensions?.code)).toEqual([
        'FORBIDDEN',
      ]);
      expect(deep.ended.done).toBe(false);
    } finally {
      await limited.dispose();
      await tight.close();
    }
  });

  it('closes a subscription when its token expires (4401 Unauthorized), and delivers nothing after', async () => {
    const pm = await tokenFor('ws-e', 'pat', ['PROGRAM_MANAGER']);
    const shortLived = await hs256Token(
      { sub: 'pat', tenant: 'ws-e', roles: ['PROGRAM_MANAGER'] },
      { expiresIn: Math.floor(Date.now() / 1000) + 3 },
    );
    const heard = collect(client(`Bearer ${shortLived}`), STATUS);
    await untilLive(t.url, pm, 'e-req', heard);
    await eventually(async () => expect(heard.ended.done).toBe(true), 6000);
    expect((heard.ended.error as { code?: number }).code).toBe(4401);
    const before = heard.results.length;
    await submit(t.url, pm, 'e-after-expiry');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heard.results).toHaveLength(before);
  });
});

import { createVouch, type Vouch } from '@vouch/application';
import { InMemoryEventStore, StoreUnavailableError, type EventStore } from '@vouch/event-store';
import { codesOf, newCommandId as id, type GraphQLResponse } from './support/graphql-client';
import { activeAdvocateOfAcme } from './support/consenting-advocate';
import { mustMutate, mutate } from './support/mutations';
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

const TENANT = 'errors';
const NOW = '2026-11-23T09:00:00.000Z';

const firstError = (response: GraphQLResponse<unknown>) => {
  const error = response.body.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(response.body)}`);
  return error;
};

const expectNoLeaks = (response: GraphQLResponse<unknown>) => {
  const text = JSON.stringify(response.body);
  expect(text).not.toMatch(/stacktrace|\bat .*\.ts:\d+/);
};

describe('error codes over HTTP', () => {
  let t: TestServer;
  let pm: string;

  beforeAll(async () => {
    t = await startTestServer();
    pm = await tokenFor(TENANT, 'pat', ['PROGRAM_MANAGER']);
    await activeAdvocateOfAcme(t, pm);
  });
  afterAll(() => t.close());

  const reserve = (engagementId: string) =>
    mutate(t.url, pm, 'reserveEngagement', {
      commandId: id(),
      advocateId: 'ines',
      engagementId,
      kind: 'REFERENCE_CALL',
      territory: 'EMEA',
      channel: 'PRIVATE',
      ownerClearance: { kind: 'OWNER', by: 'olga' },
    });

  it('BAD_USER_INPUT with every failing field when the input breaks the field rules, and nothing is written', async () => {
    const before = (await t.store.readAll(TENANT)).length;
    const response = await mutate(t.url, pm, 'enrolAdvocate', {
      commandId: id(),
      advocateId: 'x'.repeat(500),
      accountId: 'acme',
      name: '',
      email: 'not-an-email',
      title: 'T',
      seniority: 'VP',
      products: [],
      useCases: [],
      languages: [],
    });
    const error = firstError(response);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (error.extensions?.issues as { field: string }[]).map((issue) => issue.field).sort();
    expect(fields).toEqual(['input.advocateId', 'input.email', 'input.name']);
    expect(JSON.stringify(response.body)).not.toContain('not-an-email');
    expect((await t.store.readAll(TENANT)).length).toBe(before);
  });

  it('BAD_USER_INPUT for a value GraphQL cannot coerce, without echoing it outside development', async () => {
    const response = await mutate(t.url, pm, 'restAdvocate', {
      commandId: id(),
      advocateId: 'ines',
      until: 'secret-looking-value',
      reason: 'tired',
    });
    expect(response.status).toBe(400);
    const error = firstError(response);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(response.body)).not.toContain('secret-looking-value');
    expect(error.extensions?.issues).toEqual([{ field: 'input.until', message: 'Expected type "DateTime"' }]);
  });

  it('BAD_USER_INPUT with the domain’s field issues when the domain finds the command invalid', async () => {
    const response = await mutate(t.url, pm, 'grantConsent', {
      commandId: id(),
      advocateId: 'ines',
      consent: {
        consentId: 'bad-window',
        kinds: ['REFERENCE_CALL'],
        territories: ['EMEA'],
        channels: ['PRIVATE'],
        validFrom: '2027-01-01T00:00:00.000Z',
        validUntil: '2026-01-01T00:00:00.000Z',
        collectionMethod: 'E_SIGNATURE',
        collectedAt: NOW,
        noticeVersion: 'v1',
      },
    });
    const error = firstError(response);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: expect.any(String) })]),
    );
  });

  it('NOT_FOUND for an aggregate that does not exist', async () => {
    const response = await mutate(t.url, pm, 'activateAdvocate', { commandId: id(), advocateId: 'nobody' });
    expect(codesOf(response)).toEqual(['NOT_FOUND']);
    // The payload is null on its own: a refused mutation never nulls the others of its document.
    expect(response.body.data).toEqual({ activateAdvocate: null });
  });

  it('FORBIDDEN, naming the roles the operation needs', async () => {
    const rep = await tokenFor(TENANT, 'sam', ['REQUESTER']);
    const response = await mutate(t.url, rep, 'activateAdvocate', { commandId: id(), advocateId: 'ines' });
    const error = firstError(response);
    expect(error.extensions).toMatchObject({
      code: 'FORBIDDEN',
      details: { operation: 'ActivateAdvocate', requiredRoles: ['PROGRAM_MANAGER'] },
    });
  });

  it('ALREADY_EXISTS for a second aggregate with the same id', async () => {
    const response = await mutate(t.url, pm, 'registerAccount', {
      commandId: id(),
      accountId: 'acme',
      name: 'Acme again',
      industry: 'Manufacturing',
      segment: 'ENTERPRISE',
      region: 'EMEA',
      products: [],
      ownerId: 'olga',
    });
    expect(codesOf(response)).toEqual(['ALREADY_EXISTS']);
  });

  it('INVALID_TRANSITION for an illegal lifecycle step', async () => {
    const response = await mutate(t.url, pm, 'activateAdvocate', { commandId: id(), advocateId: 'ines' });
    expect(codesOf(response)).toEqual(['INVALID_TRANSITION']);
  });

  it('CONSENT_REQUIRED before a consent covers the use, FATIGUE_LIMIT once the limits are reached', async () => {
    expect(codesOf(await reserve('e-0'))).toEqual(['CONSENT_REQUIRED']);
    await mustMutate(t.url, pm, 'grantConsent', {
      commandId: id(),
      advocateId: 'ines',
      consent: {
        consentId: 'c-1',
        kinds: ['REFERENCE_CALL'],
        territories: ['EMEA'],
        channels: ['PRIVATE'],
        validFrom: NOW,
        collectionMethod: 'E_SIGNATURE',
        collectedAt: NOW,
        noticeVersion: 'v1',
      },
    });
    await mustMutate(t.url, pm, 'setFatiguePolicy', {
      commandId: id(),
      windowDays: 90,
      maxPerWindow: 1,
      kindLimits: [{ kind: 'REFERENCE_CALL', max: 1 }],
      minRestDays: 0,
    });
    const first = await reserve('e-1');
    expect(first.body.errors).toBeUndefined();
    expect(codesOf(await reserve('e-2'))).toEqual(['FATIGUE_LIMIT']);
  });

  it('COMMAND_ID_REUSED when a command id comes back with other data', async () => {
    const commandId = id();
    await mustMutate(t.url, pm, 'setNominationPolicy', { commandId, minAccountHealth: 10 });
    const response = await mutate(t.url, pm, 'setNominationPolicy', { commandId, minAccountHealth: 90 });
    expect(codesOf(response)).toEqual(['COMMAND_ID_REUSED']);
  });
});

/** What the command path and the readiness probe call: these fail during the outage. */
const FAILING = new Set<PropertyKey>(['append', 'streamVersion', 'readStream']);

/** A store that fails like a lost database connection while `down` is set. */
function flakyStore(store: EventStore): { store: EventStore; setDown(down: boolean): void } {
  let down = false;
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || !FAILING.has(property)) return value;
      return (...args: unknown[]) => {
        if (down) return Promise.reject(new StoreUnavailableError('connection lost'));
        return value.apply(target, args);
      };
    },
  });
  return { store: proxy, setDown: (value) => (down = value) };
}

describe('store outages and unexpected failures', () => {
  it('STORE_UNAVAILABLE for a command while the store is down, and /readyz answers 503', async () => {
    const flaky = flakyStore(new InMemoryEventStore());
    const t = await startTestServer({ store: flaky.store });
    try {
      const pm = await tokenFor('outage', 'pat', ['PROGRAM_MANAGER']);
      flaky.setDown(true);
      const response = await mutate(t.url, pm, 'setNominationPolicy', {
        commandId: id(),
        minAccountHealth: 50,
      });
      expect(codesOf(response)).toEqual(['STORE_UNAVAILABLE']);
      expect(firstError(response).message).not.toContain('connection lost');
      expectNoLeaks(response);
      expect((await fetch(`${t.origin}/readyz`)).status).toBe(503);
      flaky.setDown(false);
      expect((await fetch(`${t.origin}/readyz`)).status).toBe(200);
      await mustMutate(t.url, pm, 'setNominationPolicy', { commandId: id(), minAccountHealth: 50 });
    } finally {
      await t.close();
    }
  });

  it('masks an unexpected failure as INTERNAL_SERVER_ERROR without its message or stack', async () => {
    const t = await startTestServer();
    const broken: Vouch = {
      ...t.vouch,
      execute: () => Promise.reject(new Error('database password is hunter2')),
    };
    await t.server.stop();
    const again = await startTestServer({ vouch: broken, store: t.store });
    try {
      const pm = await tokenFor('broken', 'pat', ['PROGRAM_MANAGER']);
      const response = await mutate(again.url, pm, 'setNominationPolicy', {
        commandId: id(),
        minAccountHealth: 50,
      });
      expect(codesOf(response)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(JSON.stringify(response.body)).not.toContain('hunter2');
      expectNoLeaks(response);
    } finally {
      await again.close();
      await t.vouch.stop();
    }
  });

  it('keeps the message of an unexpected failure in development, still without a stack', async () => {
    const store = new InMemoryEventStore();
    const vouch = createVouch({ store, dueWorkIntervalMs: 0 });
    const broken: Vouch = { ...vouch, execute: () => Promise.reject(new Error('the disk is full')) };
    const t = await startTestServer({ environment: 'development', vouch: broken, store });
    try {
      const token = await tokenFor('dev', 'dee', ['PROGRAM_MANAGER']);
      const response = await mutate(t.url, token, 'setNominationPolicy', {
        commandId: id(),
        minAccountHealth: 5,
      });
      expect(codesOf(response)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(firstError(response).message).toBe('the disk is full');
      expectNoLeaks(response);
    } finally {
      await t.close();
    }
  });
});

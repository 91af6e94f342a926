import { Writable } from 'node:stream';
import { ConcurrencyError, InMemoryEventStore, type EventStore } from '@vouch/event-store';
import pino from 'pino';
import { codesOf, graphql, newCommandId } from './support/graphql-client';
import { mutate } from './support/mutations';
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

/** A pino logger whose lines the test reads back, exactly as they would reach stdout. */
function capturedLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

/** A store on which every append loses the race: the command handler retries, then gives up. */
function alwaysRacedStore(store: EventStore): EventStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== 'append' || typeof value !== 'function') return value;
      return (tenantId: string, streamId: string) =>
        Promise.reject(new ConcurrencyError(tenantId, streamId, 0, 1));
    },
  });
}

describe('structured logs', () => {
  const captured = capturedLogger();
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer({ logger: captured.logger, store: alwaysRacedStore(new InMemoryEventStore()) });
  });
  afterAll(() => t.close());

  const entries = () => captured.lines.map((line) => JSON.parse(line) as Record<string, unknown>);

  it('writes only JSON lines, and Apollo warns of nothing at start', () => {
    expect(captured.lines.length).toBeGreaterThan(0);
    for (const line of captured.lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(captured.lines.join('\n')).not.toMatch(/status400ForVariableCoercionErrors/);
    expect(entries().filter((entry) => (entry.level as number) >= 40)).toEqual([]);
  });

  it('logs a /graphql request with its full path', async () => {
    const token = await tokenFor('logs', 'lou', ['REQUESTER']);
    const response = await graphql(t.url, '{ viewer { userId } }', {}, token, {
      'x-request-id': 'log-path-1',
    });
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const finished = entries().find(
      (entry) => entry.requestId === 'log-path-1' && entry.msg === 'request finished',
    );
    expect(finished).toMatchObject({ method: 'POST', path: '/graphql', status: 200 });
  });

  it('logs a CONFLICT at info, without a stack', async () => {
    const pm = await tokenFor('logs', 'pat', ['PROGRAM_MANAGER']);
    const response = await mutate(t.url, pm, 'setNominationPolicy', {
      commandId: newCommandId(),
      minAccountHealth: 50,
    });
    expect(codesOf(response)).toEqual(['CONFLICT']);
    const conflict = entries().filter((entry) => entry.code === 'CONFLICT');
    expect(conflict).toHaveLength(1);
    expect(conflict[0]).toMatchObject({ level: 30, storeCode: 'WRONG_EXPECTED_VERSION' });
    expect(JSON.stringify(conflict[0])).not.toMatch(/stack|\.ts:\d+/);
  });
});

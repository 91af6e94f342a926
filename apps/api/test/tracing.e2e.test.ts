import { createVouch } from '@vouch/application';
import { InMemoryEventStore } from '@vouch/event-store';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { describeHits, scanFor, type ScanSource } from '../../../test/support/erasure-scan';
import {
  ERASED,
  HANNAH,
  LUKASZ,
  SIOBHAN,
  ZOE,
  personalValuesOf,
  runPrivacyProgram,
} from '../../../test/support/privacy-program';
import { backgroundStepSpans, startTracing, tracingStore, type VouchTracing } from '../src';
import { eventually } from './support/program-story';
import { graphql, newCommandId as id } from './support/graphql-client';
import { httpPrivacyDriver } from './support/http-privacy-driver';
import { mustMutate, mutate, mutationDocument } from './support/mutations';
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

// Tracing on, through a real listening server: every span is taken by an in-memory exporter
// as it ends, and the test reads names, attributes and parent-child links from there.

const TENANT = 'tracing';
const exporter = new InMemorySpanExporter();
let tracing: VouchTracing;
let t: TestServer;

beforeAll(async () => {
  tracing = await startTracing({ exporter, exportEachSpan: true });
  const store = tracingStore(new InMemoryEventStore(), tracing.tracer, 'memory');
  const vouch = createVouch({
    store,
    dueWorkIntervalMs: 0,
    observeStep: backgroundStepSpans(tracing.tracer),
  });
  t = await startTestServer({ store, vouch, tracer: tracing.tracer });
});
afterAll(async () => {
  await t.close();
  await tracing.shutdown();
});

const spans = (): ReadableSpan[] => exporter.getFinishedSpans();
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const childrenOf = (parent: ReadableSpan) =>
  spans().filter((s) => parentOf(s) === parent.spanContext().spanId);

/** The one finished span named `name` in the trace, waiting for it to end (the server span ends after the response). */
async function spanNamed(traceId: string, name: string): Promise<ReadableSpan> {
  let found: ReadableSpan | undefined;
  await eventually(async () => {
    found = spans().find((s) => s.spanContext().traceId === traceId && s.name === name);
    expect(found).toBeDefined();
  });
  return found!;
}

const ACCOUNT = {
  accountId: 'acme',
  name: 'Acme',
  industry: 'Manufacturing',
  segment: 'ENTERPRISE',
  region: 'EMEA',
  products: ['Planner'],
  ownerId: 'olga',
};

describe('a GraphQL mutation through the server', () => {
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const callerSpanId = '00f067aa0ba902b7';

  it('is a server span continuing the caller traceparent, with the command and its store calls as children', async () => {
    const pm = await tokenFor(TENANT, 'pat', ['PROGRAM_MANAGER']);
    const response = await graphql(
      t.url,
      mutationDocument('registerAccount'),
      { input: { commandId: id(), ...ACCOUNT } },
      pm,
      { traceparent: `00-${traceId}-${callerSpanId}-01` },
    );
    expect(response.body.errors).toBeUndefined();

    const server = await spanNamed(traceId, 'mutation Run');
    expect(parentOf(server)).toBe(callerSpanId);
    expect(server.attributes).toMatchObject({
      'graphql.operation.type': 'mutation',
      'graphql.operation.name': 'Run',
      'http.request.method': 'POST',
      'http.route': '/graphql',
      'http.response.status_code': 200,
      'vouch.graphql.outcome': 'ok',
    });

    const [command] = childrenOf(server);
    expect(command?.name).toBe('command RegisterAccount');
    expect(command?.attributes).toEqual({
      'vouch.command.type': 'RegisterAccount',
      'vouch.aggregate.type': 'Account',
      'vouch.command.outcome': 'ok',
      'vouch.tenant_id': TENANT,
    });

    const storeCalls = childrenOf(command!);
    expect(storeCalls.map((s) => s.name)).toContain('store append');
    const append = storeCalls.find((s) => s.name === 'store append')!;
    expect(append.attributes).toMatchObject({
      'db.system': 'memory',
      'db.system.name': 'memory',
      'db.operation.name': 'append',
      'vouch.stream.category': 'account',
      'vouch.events.written': 1,
      'vouch.tenant_id': TENANT,
    });
    // Nothing names the account: no ids, no payload.
    expect(JSON.stringify(storeCalls.map((s) => s.attributes))).not.toContain('acme');
  });

  it('records a refusal by its code on the command span and the server span', async () => {
    const pm = await tokenFor(TENANT, 'pat', ['PROGRAM_MANAGER']);
    const refusedTrace = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1';
    const refused = await graphql(
      t.url,
      mutationDocument('registerAccount'),
      { input: { commandId: id(), ...ACCOUNT } },
      pm,
      { traceparent: `00-${refusedTrace}-${callerSpanId}-01` },
    );
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('ALREADY_EXISTS');
    const server = await spanNamed(refusedTrace, 'mutation Run');
    expect(server.attributes['vouch.graphql.outcome']).toBe('error');
    expect(server.attributes['vouch.graphql.error_codes']).toEqual(['ALREADY_EXISTS']);
    const command = childrenOf(server).find((s) => s.name === 'command RegisterAccount')!;
    expect(command.attributes).toMatchObject({
      'vouch.command.outcome': 'refused',
      'vouch.command.code': 'ALREADY_EXISTS',
    });
    expect(command.status).toEqual({ code: 2, message: 'ALREADY_EXISTS' });
  });

  it('starts a trace of its own for a request without traceparent, and names queries by their operation', async () => {
    const pm = await tokenFor(TENANT, 'pat', ['PROGRAM_MANAGER']);
    const before = spans().length;
    const response = await graphql(t.url, 'query Who { viewer { userId } }', {}, pm);
    expect(response.status).toBe(200);
    await eventually(async () =>
      expect(
        spans()
          .slice(before)
          .map((s) => s.name),
      ).toContain('query Who'),
    );
    const server = spans()
      .slice(before)
      .find((s) => s.name === 'query Who')!;
    expect(server.parentSpanContext).toBeUndefined();
    expect(server.attributes['graphql.operation.type']).toBe('query');
  });
});

describe('a crafted traceparent', () => {
  it.each([
    ['not a traceparent'],
    ['00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    [`00-${'a'.repeat(32)}-${'b'.repeat(16)}-01-${'x'.repeat(4000)}`],
  ])('%#: is ignored — the request is answered and starts a trace of its own', async (traceparent) => {
    const pm = await tokenFor(TENANT, 'pat', ['PROGRAM_MANAGER']);
    const before = spans().length;
    const response = await graphql(t.url, 'query Crafted { viewer { userId } }', {}, pm, { traceparent });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    let server: ReadableSpan | undefined;
    await eventually(async () => {
      server = spans()
        .slice(before)
        .find((s) => s.name === 'query Crafted');
      expect(server).toBeDefined();
    });
    expect(server!.parentSpanContext).toBeUndefined();
    expect(server!.spanContext().traceId).not.toBe('0'.repeat(32));
  });
});

describe('a process manager reacting to an event', () => {
  it('is a root span of its own, with the command it issues and its store calls inside', async () => {
    const olga = await tokenFor(TENANT, 'olga', ['ACCOUNT_OWNER']);
    const pm = await tokenFor(TENANT, 'pat', ['PROGRAM_MANAGER']);
    await mustMutate(t.url, pm, 'recordAccountHealth', {
      commandId: id(),
      accountId: 'acme',
      healthScore: 90,
    });
    await mustMutate(t.url, olga, 'submitNomination', {
      commandId: id(),
      nominationId: 'nom-1',
      accountId: 'acme',
      candidateId: 'nina',
      name: 'Nina Nominee',
      email: 'nina@acme.example',
      title: 'Head of Operations',
      seniority: 'DIRECTOR',
      products: ['Planner'],
      useCases: ['planning'],
      languages: ['en'],
      topics: ['rollout'],
      evidenceKind: 'NPS_PROMOTER',
      evidence: 'Scored us 10',
    });
    await mustMutate(t.url, pm, 'approveNomination', { commandId: id(), nominationId: 'nom-1' });
    let step: ReadableSpan | undefined;
    await eventually(async () => {
      step = spans().find((s) => s.name === 'process-manager enrol-approved-nominee');
      expect(step).toBeDefined();
    });
    expect(step!.parentSpanContext).toBeUndefined();
    expect(step!.attributes).toEqual({
      'vouch.job.kind': 'process-manager',
      'vouch.job.name': 'enrol-approved-nominee',
      'vouch.job.reaction': 'command',
      'vouch.command.type': 'EnrolAdvocate',
      'vouch.event.type': 'NominationApproved',
      'vouch.tenant_id': TENANT,
    });
    const appends = childrenOf(step!).filter((s) => s.name === 'store append');
    expect(appends).toHaveLength(1);
    expect(appends[0]!.attributes['vouch.stream.category']).toBe('advocate');
  });
});

describe('due work that time made due', () => {
  it('is a root span per due command, with its store calls inside', async () => {
    let now = '2026-11-23T09:00:00.000Z';
    const store = tracingStore(new InMemoryEventStore({ clock: () => now }), tracing.tracer, 'memory');
    const vouch = createVouch({
      store,
      clock: () => now,
      dueWorkIntervalMs: 0,
      observeStep: backgroundStepSpans(tracing.tracer),
    });
    await vouch.start(['due']);
    try {
      const rep = { tenantId: 'due', userId: 'rita-rep', roles: ['REQUESTER' as const] };
      await vouch.execute(rep, {
        type: 'SubmitReferenceRequest',
        commandId: id(),
        data: {
          requestId: 'req-due',
          department: 'PR',
          kind: 'PRESS',
          advocatesNeeded: 1,
          opportunity: {
            opportunityId: 'press-1',
            stage: 'DISCOVERY',
            amount: { amount: 0, currency: 'EUR' },
            industry: 'Manufacturing',
            region: 'EMEA',
            products: [],
          },
          criteria: { territory: 'EMEA', channel: 'PRESS' },
          dueBy: '2026-11-25T09:00:00.000Z',
        },
      });
      now = '2026-11-27T09:00:00.000Z';
      await eventually(async () => expect(await vouch.processDueWork()).toBeGreaterThan(0));
      const step = spans().find((s) => s.name === 'due-work LapseRequest')!;
      expect(step).toBeDefined();
      expect(step.parentSpanContext).toBeUndefined();
      expect(step.attributes).toEqual({
        'vouch.job.kind': 'due-work',
        'vouch.job.name': 'LapseRequest',
        'vouch.job.reaction': 'command',
        'vouch.command.type': 'LapseRequest',
        'vouch.tenant_id': 'due',
      });
      expect(childrenOf(step).map((s) => s.name)).toContain('store append');
    } finally {
      await vouch.stop();
    }
  });
});

describe('spans of the privacy program (enrol, change contact, erase, legal hold, replays)', () => {
  const PRIVACY_TENANT = 'privacy-corp';
  let source: ScanSource;

  /** Everything a span carries that an exporter sends: name, attributes, status, events, links, resource. */
  const serialized = (all: readonly ReadableSpan[]): ScanSource => ({
    name: 'spans',
    bytes: Buffer.from(
      JSON.stringify(
        all.map((s) => ({
          name: s.name,
          kind: s.kind,
          attributes: s.attributes,
          status: s.status,
          events: s.events,
          links: s.links,
          resource: s.resource.attributes,
          scope: s.instrumentationScope,
        })),
      ),
      'utf8',
    ),
  });

  beforeAll(async () => {
    exporter.reset();
    await t.vouch.start([PRIVACY_TENANT]);
    const driver = await httpPrivacyDriver(t.url, t.store, PRIVACY_TENANT);
    const { replays } = await runPrivacyProgram(driver);
    expect(replays[0]).toMatchObject({ errors: [{ extensions: { code: 'SUBJECT_ERASED' } }] });
    await tracing.flush();
    source = serialized(spans());
  }, 90_000);

  it('traced the whole workload: mutations, queries, commands, store calls and the shredding', () => {
    const names = new Set(spans().map((s) => s.name));
    for (const name of [
      'command SubmitNomination',
      'command UpdateAdvocateContact',
      'command RequestErasure',
      'store append',
      'store readStream',
      'store forgetSubject',
      'process-manager shred-erased-advocate',
    ]) {
      expect(names).toContain(name);
    }
  });

  it('carries no personal value of any advocate, erased or not, in any span', () => {
    const everyone = [ZOE, LUKASZ, HANNAH, SIOBHAN].flatMap(personalValuesOf);
    expect(everyone.length).toBeGreaterThan(20);
    expect(describeHits(scanFor([source], everyone))).toBe('');
    expect(ERASED.length).toBe(3);
  });

  it('would find one if a span carried it (the scan can fail)', () => {
    const leaky = serialized([
      { ...spans()[0]!, attributes: { 'user.name': ZOE.contact.name } } as ReadableSpan,
    ]);
    expect(scanFor([leaky], personalValuesOf(ZOE)).length).toBeGreaterThan(0);
  });
});

describe('a refused mutation with crafted input', () => {
  it('puts neither the variables nor the document into the span', async () => {
    const pm = await tokenFor(TENANT, 'pat', ['PROGRAM_MANAGER']);
    const secret = 'Ines Geheimnis +49 170 0000000';
    const crafted = await mutate(t.url, pm, 'registerAccount', { commandId: id(), ...ACCOUNT, name: secret });
    expect(crafted.body.errors?.[0]?.extensions?.code).toBe('ALREADY_EXISTS');
    await tracing.flush();
    expect(JSON.stringify(spans().map((s) => [s.name, s.attributes, s.status, s.events]))).not.toContain(
      'Geheimnis',
    );
  });
});

import { createVouch } from '@vouch/application';
import { InMemoryCheckpointStore, InMemoryEventStore } from '@vouch/event-store';
import { timingAppends, VouchMetrics } from '../src';
import { graphql } from './support/graphql-client';
import { mustMutate, mutate } from './support/mutations';
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

// A small workload through the real HTTP server, then a scrape of /metrics as Prometheus
// does it: every family shows the workload.

const TENANT = 'metrics';
let t: TestServer;
let metrics: VouchMetrics;
let ids = 0;
const id = () => `metrics-${++ids}`;

beforeAll(async () => {
  metrics = new VouchMetrics();
  const store = timingAppends(new InMemoryEventStore(), metrics);
  const checkpoints = new InMemoryCheckpointStore();
  const vouch = createVouch({ store, checkpoints, dueWorkIntervalMs: 0 });
  t = await startTestServer({ store, vouch, metrics });
  metrics.watchLag({ store, vouch, checkpoints, tenants: [TENANT] });
});
afterAll(() => t.close());

/** Scrapes /metrics as Prometheus does. */
async function scrape(): Promise<string> {
  const response = await fetch(`${t.origin}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

/** The value of the first sample of `name` carrying all `labels`. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (wanted.every((w) => line.includes(w))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('GET /metrics', () => {
  it('shows operation durations, command outcomes, append latency and lag after a small workload', async () => {
    const pm = await tokenFor(TENANT, 'pat', ['PROGRAM_MANAGER']);
    const olga = await tokenFor(TENANT, 'olga', ['ACCOUNT_OWNER']);
    const account = {
      accountId: 'acme',
      name: 'Acme',
      industry: 'Manufacturing',
      segment: 'ENTERPRISE',
      region: 'EMEA',
      products: ['Planner'],
      ownerId: 'olga',
    };
    await mustMutate(t.url, pm, 'registerAccount', { commandId: id(), ...account });
    await mustMutate(t.url, pm, 'recordAccountHealth', {
      commandId: id(),
      accountId: 'acme',
      healthScore: 90,
    });
    const refused = await mutate(t.url, pm, 'registerAccount', { commandId: id(), ...account });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('ALREADY_EXISTS');
    expect((await graphql(t.url, 'query WhoAmI { viewer { userId } }', {}, pm)).status).toBe(200);

    // With the process managers stopped, an approved nomination waits for its enrolment: lag.
    await t.vouch.stop();
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
      languages: ['de'],
      evidenceKind: 'NPS_PROMOTER',
      evidence: 'Gave us a 10.',
    });
    await mustMutate(t.url, pm, 'approveNomination', { commandId: id(), nominationId: 'nom-1' });

    const text = await scrape();
    const count = 'vouch_graphql_operation_duration_seconds_count';
    expect(sample(text, count, { operation: 'Run', kind: 'mutation', outcome: 'ok' })).toBeGreaterThanOrEqual(
      3,
    );
    expect(sample(text, count, { operation: 'Run', kind: 'mutation', outcome: 'error' })).toBe(1);
    expect(sample(text, count, { operation: 'WhoAmI', kind: 'query', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'vouch_commands_total', { type: 'RegisterAccount', outcome: 'ok' })).toBe(1);
    expect(
      sample(text, 'vouch_commands_total', {
        type: 'RegisterAccount',
        outcome: 'refused',
        code: 'ALREADY_EXISTS',
      }),
    ).toBe(1);
    expect(sample(text, 'vouch_commands_total', { type: 'ApproveNomination', outcome: 'ok' })).toBe(1);
    expect(
      sample(text, 'vouch_store_append_duration_seconds_count', { outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'vouch_store_append_duration_seconds_sum', { outcome: 'ok' })).toBeGreaterThan(0);
    // The manager keeps the nomination from its submission and enrols on approval: both wait.
    expect(
      sample(text, 'vouch_process_manager_lag_events', { tenant: TENANT, manager: 'enrol-approved-nominee' }),
    ).toBe(2);
    // The read models catch up as the scrape asks: present, and nothing behind.
    expect(sample(text, 'vouch_projection_lag_events', { tenant: TENANT })).toBe(0);
  });

  it('keeps client-chosen operation names bounded', () => {
    expect(metrics.operationLabel('Run')).toBe('Run');
    expect(metrics.operationLabel(undefined)).toBe('anonymous');
    expect(metrics.operationLabel('x{y="1"}')).toBe('invalid');
    for (let i = 0; i < 300; i += 1) metrics.operationLabel(`Op${i}`);
    expect(metrics.operationLabel('OneTooMany')).toBe('other');
  });
});

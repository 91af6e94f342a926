import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createVouch } from '@vouch/application';
import { InMemoryEventStore } from '@vouch/event-store';
import { Webhook } from 'standardwebhooks';
import { VouchMetrics } from '../src';
import { codesOf, graphql, newCommandId } from './support/graphql-client';
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

const CREATE = `mutation Create($input: CreateWebhookSubscriptionInput!) {
  createWebhookSubscription(input: $input) { secret subscription { subscriptionId url eventTypes status } }
}`;
const PAUSE = `mutation Pause($input: WebhookSubscriptionInput!) {
  pauseWebhookSubscription(input: $input) { subscriptionId status }
}`;
const LIST = `{ webhookSubscriptions { subscriptionId url status } }`;
const DELIVERIES = `query Deliveries($status: WebhookDeliveryStatus) {
  webhookDeliveries(first: 10, status: $status) {
    edges { node { subscriptionId webhookId eventType subject status attempts responseCode lastError } }
    pageInfo { hasNextPage }
  }
}`;
const SUBMIT = `mutation Submit($input: SubmitReferenceRequestInput!) { submitReferenceRequest(input: $input) { request { id } } }`;

let api: TestServer;
let metrics: VouchMetrics;
let receiver: Server;
let receiverUrl: string;
const received: { headers: Record<string, string>; body: string }[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const clock = () => '2026-11-23T09:00:00.000Z';
  const store = new InMemoryEventStore({ clock });
  const vouch = createVouch({
    store,
    clock,
    dueWorkIntervalMs: 0,
    tenants: ['acme', 'globex'],
    webhooks: {
      operatorKey: 'operator-key',
      destinations: { allowLoopback: true },
      backoff: { baseMs: 5, maxMs: 10 },
    },
  });
  metrics = new VouchMetrics();
  api = await startTestServer({ store, vouch, metrics });
  metrics.watchLag({ store, vouch, tenants: ['acme'] });
});
afterAll(async () => {
  await api.close();
  receiver.close();
});

const admin = () => tokenFor('acme', 'ada-admin', ['ADMIN']);

describe('webhooks over GraphQL', () => {
  it('an admin subscribes, gets the secret once, and events arrive signed; the delivery log shows them', async () => {
    const created = await graphql<{
      createWebhookSubscription: { secret: string; subscription: { subscriptionId: string; status: string } };
    }>(
      api.url,
      CREATE,
      {
        input: {
          commandId: newCommandId(),
          url: receiverUrl,
          eventTypes: ['dev.vouch.request.submitted.v1'],
        },
      },
      await admin(),
    );
    expect(created.body.errors).toBeUndefined();
    const { secret, subscription } = created.body.data!.createWebhookSubscription;
    expect(subscription.status).toBe('ACTIVE');

    const rep = await tokenFor('acme', 'sam-sales', ['REQUESTER']);
    const submitted = await graphql(
      api.url,
      SUBMIT,
      {
        input: {
          commandId: newCommandId(),
          requestId: 'req-gql-1',
          department: 'SALES',
          kind: 'REFERENCE_CALL',
          advocatesNeeded: 1,
          opportunity: {
            opportunityId: 'opp-1',
            stage: 'EVALUATION',
            amount: { amount: 1000, currency: 'EUR' },
            industry: 'Manufacturing',
            region: 'EMEA',
            products: ['Planner'],
          },
          criteria: { languages: ['de'], territory: 'EMEA', channel: 'PRIVATE' },
          dueBy: '2026-12-07T09:00:00.000Z',
        },
      },
      rep,
    );
    expect(submitted.body.errors).toBeUndefined();

    type Deliveries = { webhookDeliveries: { edges: { node: Record<string, unknown> }[] } };
    let log: Deliveries | undefined;
    for (let i = 0; i < 200; i += 1) {
      log = (await graphql<Deliveries>(api.url, DELIVERIES, {}, await admin())).body.data!;
      if (log.webhookDeliveries.edges.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(log!.webhookDeliveries.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({
        subscriptionId: subscription.subscriptionId,
        eventType: 'dev.vouch.request.submitted.v1',
        subject: 'req-gql-1',
        status: 'DELIVERED',
        attempts: 1,
        responseCode: 200,
        lastError: null,
      }),
    ]);
    expect(received).toHaveLength(1);
    expect(new Webhook(secret).verify(received[0]!.body, received[0]!.headers)).toMatchObject({
      type: 'dev.vouch.request.submitted.v1',
      subject: 'req-gql-1',
      source: '/tenants/acme',
    });
    // The delivery shows in /metrics; nothing is left behind.
    const scraped = await (await fetch(`${api.origin}/metrics`)).text();
    expect(scraped).toContain('vouch_webhook_deliveries_total{outcome="delivered"} 1');
    expect(scraped).toContain('vouch_webhook_deliveries_total{outcome="dead_lettered"} 0');
    expect(scraped).toContain('vouch_webhook_backlog_events 0');
    // The secret is in no other answer.
    const listed = await graphql(api.url, LIST, {}, await admin());
    expect(JSON.stringify([listed.body, log])).not.toContain(secret.slice(6));
  });

  it('refuses an SSRF target with BAD_USER_INPUT, naming the range, not the address', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://[fd00::1]/', 'http://10.0.0.8/']) {
      const response = await graphql(
        api.url,
        CREATE,
        { input: { commandId: newCommandId(), url, eventTypes: ['dev.vouch.request.submitted.v1'] } },
        await admin(),
      );
      expect(response.body.data?.createWebhookSubscription).toBeNull();
      expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.body.errors?.[0]?.message).toContain('webhooks may not reach');
      expect(JSON.stringify(response.body)).not.toMatch(/169\.254|fd00|10\.0\.0\.8/);
    }
  });

  it('non-admins can neither manage subscriptions nor read deliveries', async () => {
    for (const roles of [['PROGRAM_MANAGER'], ['AUDITOR'], ['REQUESTER'], ['ACCOUNT_OWNER']] as const) {
      const token = await tokenFor('acme', 'someone', [...roles]);
      const create = await graphql(
        api.url,
        CREATE,
        {
          input: {
            commandId: newCommandId(),
            url: receiverUrl,
            eventTypes: ['dev.vouch.request.submitted.v1'],
          },
        },
        token,
      );
      expect(codesOf(create)).toEqual(['FORBIDDEN']);
      expect(codesOf(await graphql(api.url, LIST, {}, token))).toEqual(['FORBIDDEN']);
      expect(codesOf(await graphql(api.url, DELIVERIES, {}, token))).toEqual(['FORBIDDEN']);
    }
  });

  it("another tenant's admin sees none of acme's subscriptions or deliveries and cannot pause them", async () => {
    const [mine] = (
      (await graphql(api.url, LIST, {}, await admin())).body.data as {
        webhookSubscriptions: { subscriptionId: string }[];
      }
    ).webhookSubscriptions;
    const other = await tokenFor('globex', 'gus-admin', ['ADMIN']);
    expect((await graphql(api.url, LIST, {}, other)).body.data).toEqual({ webhookSubscriptions: [] });
    const deliveries = await graphql(api.url, DELIVERIES, {}, other);
    expect(deliveries.body.data).toEqual({
      webhookDeliveries: { edges: [], pageInfo: { hasNextPage: false } },
    });
    const pause = await graphql(
      api.url,
      PAUSE,
      { input: { commandId: newCommandId(), subscriptionId: mine!.subscriptionId } },
      other,
    );
    expect(codesOf(pause)).toEqual(['NOT_FOUND']);
  });
});

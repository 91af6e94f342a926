import type { Instant } from '@vouch/domain';
import { InMemoryEventStore, START } from '@vouch/event-store';
import { Webhook } from 'standardwebhooks';
import { createVouch, type Principal, type Vouch } from '../../src';
import { submitRequestCommand as submit } from '../support/submit-request-command';
import { WebhookReceiver, eventually } from './webhook-receiver';

const now: Instant = '2026-11-23T09:00:00.000Z';
const admin: Principal = { tenantId: 'acme', userId: 'ada-admin', roles: ['ADMIN'] };
const otherAdmin: Principal = { tenantId: 'globex', userId: 'gus-admin', roles: ['ADMIN'] };
const pm: Principal = { tenantId: 'acme', userId: 'pat-pm', roles: ['PROGRAM_MANAGER', 'AUDITOR'] };
const rep: Principal = { tenantId: 'acme', userId: 'sam-sales', roles: ['REQUESTER'] };
const TYPES = ['dev.vouch.request.submitted.v1'];

let store: InMemoryEventStore;
let vouch: Vouch;
let receiver: WebhookReceiver;

beforeEach(async () => {
  receiver = new WebhookReceiver();
  await receiver.start();
  store = new InMemoryEventStore({ clock: () => now });
  vouch = createVouch({
    store,
    clock: () => now,
    dueWorkIntervalMs: 0,
    webhooks: {
      operatorKey: 'k',
      destinations: { allowLoopback: true },
      backoff: { baseMs: 5, maxMs: 10 },
      maxAttempts: 3,
    },
  });
  await vouch.start(['acme', 'globex']);
});
afterEach(async () => {
  await vouch.stop();
  await receiver.kill();
});

const hooks = () => vouch.webhooks!.subscriptions;
const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string }) => error.code,
  );

describe('webhook subscriptions', () => {
  it('only admins manage them or read deliveries', async () => {
    for (const who of [pm, rep]) {
      expect(
        await codeOf(hooks().create(who, { commandId: 'c', url: receiver.url, eventTypes: TYPES })),
      ).toBe('FORBIDDEN');
      expect(await codeOf(hooks().list(who))).toBe('FORBIDDEN');
      expect(() => hooks().deliveries(who)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    }
    expect(await store.readAll('acme')).toHaveLength(0);
  });

  it("another tenant's subscription does not exist for an admin", async () => {
    const { subscription } = await hooks().create(admin, {
      commandId: 'c1',
      url: receiver.url,
      eventTypes: TYPES,
    });
    expect(await hooks().list(otherAdmin)).toEqual([]);
    expect(await hooks().get(otherAdmin, subscription.subscriptionId)).toBeUndefined();
    const id = { commandId: 'x', subscriptionId: subscription.subscriptionId };
    expect(await codeOf(hooks().pause(otherAdmin, id))).toBe('NOT_FOUND');
    expect(await codeOf(hooks().rotateSecret(otherAdmin, id))).toBe('NOT_FOUND');
    expect(await codeOf(hooks().delete(otherAdmin, id))).toBe('NOT_FOUND');
    expect((await hooks().get(admin, subscription.subscriptionId))?.status).toBe('ACTIVE');
  });

  it('refuses an SSRF target or an unpublished type at creation, writing nothing', async () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/x',
      'http://[::ffff:127.0.0.1]/',
    ]) {
      expect(await codeOf(hooks().create(admin, { commandId: url, url, eventTypes: TYPES }))).toBe(
        'VALIDATION_FAILED',
      );
    }
    expect(
      await codeOf(
        hooks().create(admin, { commandId: 'c', url: receiver.url, eventTypes: ['AdvocateEnrolled'] }),
      ),
    ).toBe('VALIDATION_FAILED');
    expect(await store.readAll('acme')).toHaveLength(0);
  });

  it('shows the secret once, never in a listing, the log or the delivery log; a retried create returns the same', async () => {
    const created = await hooks().create(admin, { commandId: 'c1', url: receiver.url, eventTypes: TYPES });
    const again = await hooks().create(admin, { commandId: 'c1', url: receiver.url, eventTypes: TYPES });
    expect(again).toEqual(created);
    await vouch.execute(rep, submit('req-1'));
    await eventually(() => hooks().deliveries(admin).length === 1);
    const secretBody = created.secret.slice('whsec_'.length);
    const everything = JSON.stringify([
      await hooks().list(admin),
      await store.readAll('acme'),
      hooks().deliveries(admin),
    ]);
    expect(everything).not.toContain(secretBody);
    expect(hooks().deliveries(admin)).toEqual([
      expect.objectContaining({ status: 'DELIVERED', attempts: 1, responseCode: 200, subject: 'req-1' }),
    ]);
  });

  it('a rotated secret signs from then on; the old one no longer verifies', async () => {
    const { subscription, secret } = await hooks().create(admin, {
      commandId: 'c1',
      url: receiver.url,
      eventTypes: TYPES,
    });
    const rotated = await hooks().rotateSecret(admin, {
      commandId: 'r1',
      subscriptionId: subscription.subscriptionId,
    });
    expect(rotated.secret).not.toBe(secret);
    await vouch.execute(rep, submit('req-1'));
    await eventually(() => receiver.received.length === 1);
    const [delivery] = receiver.received;
    expect(new Webhook(rotated.secret).verify(delivery!.body, delivery!.headers)).toMatchObject({
      subject: 'req-1',
    });
    expect(() => new Webhook(secret).verify(delivery!.body, delivery!.headers)).toThrow();
  });

  it('dead-letters an event after the configured attempts and goes on with the next', async () => {
    receiver.status = () => 503;
    const { subscription } = await hooks().create(admin, {
      commandId: 'c1',
      url: receiver.url,
      eventTypes: TYPES,
    });
    await vouch.execute(rep, submit('req-1'));
    await eventually(() =>
      hooks()
        .deliveries(admin)
        .some((d) => d.status === 'DEAD_LETTERED'),
    );
    expect(receiver.received).toHaveLength(3);
    expect(hooks().deliveries(admin, { status: 'DEAD_LETTERED' })).toEqual([
      expect.objectContaining({ attempts: 3, responseCode: 503, lastError: 'HTTP 503', subject: 'req-1' }),
    ]);
    const deadLetters = await store.readAll('acme', { types: ['WebhookDeliveryDeadLettered'] });
    expect(deadLetters.map((e) => e.data)).toEqual([
      expect.objectContaining({
        subscriptionId: subscription.subscriptionId,
        attempts: 3,
        responseCode: 503,
      }),
    ]);
    receiver.status = () => 200;
    await vouch.execute(rep, submit('req-2'));
    await eventually(() => receiver.received.length === 4);
    expect(JSON.parse(receiver.received[3]!.body)).toMatchObject({ subject: 'req-2' });
  });

  it('a paused subscription gets nothing until resumed, then the backlog; a replay sends again from a position', async () => {
    const { subscription } = await hooks().create(admin, {
      commandId: 'c1',
      url: receiver.url,
      eventTypes: TYPES,
    });
    const id = subscription.subscriptionId;
    expect((await hooks().pause(admin, { commandId: 'p1', subscriptionId: id })).status).toBe('PAUSED');
    await vouch.execute(rep, submit('req-1'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.received).toHaveLength(0);
    await hooks().resume(admin, { commandId: 'r1', subscriptionId: id });
    await vouch.execute(rep, submit('req-2'));
    await eventually(() => receiver.received.length === 2);
    await hooks().replay(admin, { commandId: 'rp1', subscriptionId: id, after: START });
    await eventually(() => receiver.received.length === 4);
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    // The replayed copies are recognisable: same webhook-id as the first delivery.
    expect(ids.slice(2)).toEqual(ids.slice(0, 2));
    await hooks().delete(admin, { commandId: 'd1', subscriptionId: id });
    await vouch.execute(rep, submit('req-3'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.received).toHaveLength(4);
    expect(await hooks().list(admin)).toEqual([]);
  });
});

describe('a webhook whose host is rebound to a private address after subscribing', () => {
  it('gets no request: the delivery is refused and retried, the receiver sees nothing', async () => {
    const rebound = new InMemoryEventStore({ clock: () => now });
    let answer = ['93.184.216.34'];
    const facade = createVouch({
      store: rebound,
      clock: () => now,
      dueWorkIntervalMs: 0,
      webhooks: {
        operatorKey: 'k',
        destinations: { resolve: async () => answer },
        backoff: { baseMs: 5, maxMs: 10 },
        maxAttempts: 2,
      },
    });
    await facade.start(['acme']);
    try {
      const url = `http://rebind.example:${receiver.port}/hooks/vouch`;
      await facade.webhooks!.subscriptions.create(admin, { commandId: 'c1', url, eventTypes: TYPES });
      // The name now points at loopback, where the receiver (standing in for an internal service) listens.
      answer = ['127.0.0.1'];
      await facade.execute(rep, submit('req-1'));
      const log = facade.webhooks!.subscriptions;
      await eventually(() => log.deliveries(admin).some((d) => d.status === 'DEAD_LETTERED'));
      expect(log.deliveries(admin)).toEqual([
        expect.objectContaining({
          status: 'DEAD_LETTERED',
          attempts: 2,
          lastError: expect.stringContaining('refused: url resolves to a loopback address'),
        }),
      ]);
      expect(receiver.received).toHaveLength(0);
      // The configuration and the dead letter are in the tenant's audit trail.
      const auditor: Principal = { tenantId: 'acme', userId: 'aud', roles: ['AUDITOR'] };
      const trail = await facade.queries.tenantAuditTrail(auditor, {}, { first: 100 });
      expect(trail.edges.map((e) => e.node.type)).toEqual(
        expect.arrayContaining(['WebhookSubscriptionCreated', 'WebhookDeliveryDeadLettered']),
      );
    } finally {
      await facade.stop();
    }
  });
});

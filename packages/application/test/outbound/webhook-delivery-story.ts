import type { Instant } from '@vouch/domain';
import type { CheckpointStore, EventStore } from '@vouch/event-store';
import { Webhook } from 'standardwebhooks';
import { createVouch, type Principal, type VouchCommand, type WebhookOptions } from '../../src';
import { submitRequestCommand } from '../support/submit-request-command';
import { WebhookReceiver, eventually } from './webhook-receiver';

/** Opens the same durable store again (events and checkpoints), as a restarted server does. */
export type OpenDurableStore = (
  clock: () => Instant,
) => Promise<{ store: EventStore; checkpoints: CheckpointStore }>;

const TENANT = 'acme-corp';
const admin: Principal = { tenantId: TENANT, userId: 'ada-admin', roles: ['ADMIN'] };
const rep: Principal = { tenantId: TENANT, userId: 'sam-sales', roles: ['REQUESTER'] };
const now: Instant = '2026-11-23T09:00:00.000Z';

const webhooks: WebhookOptions = {
  operatorKey: 'operator-webhook-key-for-tests',
  destinations: { allowLoopback: true },
  backoff: { baseMs: 20, maxMs: 100 },
  maxAttempts: 10_000,
};

async function openFacade(openStore: OpenDurableStore) {
  const { store, checkpoints } = await openStore(() => now);
  const vouch = createVouch({ store, clock: () => now, dueWorkIntervalMs: 0, checkpoints, webhooks });
  return { store, vouch };
}

const submit = (requestId: string): VouchCommand =>
  submitRequestCommand(requestId, { notes: 'Call Ines Garcia at ines@example.com' });
const cancel = (requestId: string): VouchCommand => ({
  type: 'CancelRequest',
  commandId: `cancel-${requestId}`,
  aggregateId: requestId,
  data: { reason: 'Ines Garcia moved to a competitor' },
});

/** The delivery story on a durable store: a receiver killed mid-stream, then the server restarted. */
export function webhookDeliveryStory(storeName: string, openStore: OpenDurableStore): void {
  describe(`webhooks delivered from a facade on ${storeName}`, () => {
    it('delivers every event at least once, in order per subject, across a dead receiver and a server restart', async () => {
      const receiver = new WebhookReceiver();
      await receiver.start();
      let running = await openFacade(openStore);
      await running.vouch.start([TENANT]);
      const { subscription, secret } = await running.vouch.webhooks!.subscriptions.create(admin, {
        commandId: 'subscribe-crm',
        url: receiver.url,
        eventTypes: ['dev.vouch.request.submitted.v1', 'dev.vouch.request.cancelled.v1'],
      });
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(subscription.status).toBe('ACTIVE');

      for (const id of ['req-1', 'req-2', 'req-3']) await running.vouch.execute(rep, submit(id));
      await eventually(() => receiver.received.length >= 3);

      // The receiver dies mid-stream; events keep coming and are retried meanwhile.
      await receiver.kill();
      for (const id of ['req-1', 'req-2']) await running.vouch.execute(rep, cancel(id));
      for (const id of ['req-4', 'req-5']) await running.vouch.execute(rep, submit(id));
      await eventually(() =>
        running.vouch.webhooks!.subscriptions.deliveries(admin).some((d) => d.status === 'RETRYING'),
      );
      expect(receiver.received).toHaveLength(3);

      // The server restarts; then the receiver comes back on its port.
      await running.vouch.stop();
      await running.store.close();
      running = await openFacade(openStore);
      await running.vouch.start([TENANT]);
      await receiver.start();
      await running.vouch.execute(rep, cancel('req-4'));

      const expected = [
        'submitted/req-1',
        'submitted/req-2',
        'submitted/req-3',
        'cancelled/req-1',
        'cancelled/req-2',
        'submitted/req-4',
        'submitted/req-5',
        'cancelled/req-4',
      ];
      const verifier = new Webhook(secret);
      const delivered = () =>
        receiver.received.map((r) => {
          const event = verifier.verify(r.body, r.headers) as { type: string; subject: string; id: string };
          expect(event.id).toBe(r.headers['webhook-id']);
          return { key: `${event.type.split('.')[3]}/${event.subject}`, id: event.id };
        });
      await eventually(() => new Set(delivered().map((d) => d.key)).size === expected.length);
      await running.vouch.stop();
      await running.store.close();
      await receiver.kill();

      const seen = delivered();
      // At least once: every event arrived; duplicates carry the webhook-id of the first copy.
      expect(new Set(seen.map((d) => d.key))).toEqual(new Set(expected));
      const idOf = new Map<string, string>();
      for (const { key, id } of seen) {
        expect(idOf.get(key) ?? id).toBe(id);
        idOf.set(key, id);
      }
      // The durable checkpoint: what was acknowledged before the restart is not sent again.
      for (const key of ['submitted/req-1', 'submitted/req-2', 'submitted/req-3']) {
        expect(seen.filter((d) => d.key === key)).toHaveLength(1);
      }
      // In order per subject: a request's submission arrives before its cancellation.
      for (const id of ['req-1', 'req-2', 'req-4']) {
        const keys = seen.map((d) => d.key);
        expect(keys.indexOf(`submitted/${id}`)).toBeLessThan(keys.indexOf(`cancelled/${id}`));
      }
      // Data minimised: nothing of the notes or the reason reaches the receiver.
      for (const r of receiver.received) {
        expect(r.body).not.toMatch(/Ines|ines@example\.com|competitor|sam-sales/);
        expect(JSON.parse(r.body)).toMatchObject({
          specversion: '1.0',
          source: `/tenants/${TENANT}`,
          datacontenttype: 'application/json',
        });
      }
    }, 60_000);
  });
}

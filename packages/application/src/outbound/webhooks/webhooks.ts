import type { CheckpointStore, Clock, EventStore } from '@vouch/event-store';
import { DeliveryLog } from './delivery-log';
import { WebhookDispatcher } from './webhook-dispatcher';
import type { WebhookOptions } from './webhook-options';
import { WebhookSubscriptions } from './webhook-subscriptions';

/** The facade's webhooks: admin management and the background dispatcher. */
export interface Webhooks {
  readonly subscriptions: WebhookSubscriptions;
  readonly dispatcher: WebhookDispatcher;
}

/** Wires the management service and the dispatcher over one delivery log. */
export function createWebhooks(
  store: EventStore,
  checkpoints: CheckpointStore,
  clock: Clock,
  options: WebhookOptions,
  warn: (message: string, error: unknown) => void,
): Webhooks {
  const log = new DeliveryLog();
  return {
    subscriptions: new WebhookSubscriptions(store, clock, options, log),
    dispatcher: new WebhookDispatcher(store, checkpoints, clock, options, log, warn),
  };
}

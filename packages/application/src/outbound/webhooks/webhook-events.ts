/**
 * The events that record a tenant's webhook configuration and what its deliveries could not
 * do. They are integration configuration, not reference-program facts, so they live here and
 * not in the domain's catalogue; they sit in the tenant's log (auditable, the same on every
 * store and instance) and are never published. No secret is in them: only the nonce the
 * secret is derived from with the operator's key.
 */
export const WEBHOOK_EVENT_TYPES = [
  'WebhookSubscriptionCreated',
  'WebhookSubscriptionPaused',
  'WebhookSubscriptionResumed',
  'WebhookSecretRotated',
  'WebhookSubscriptionDeleted',
  'WebhookReplayRequested',
  'WebhookDeliveryDeadLettered',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export interface WebhookEventData {
  readonly WebhookSubscriptionCreated: {
    subscriptionId: string;
    url: string;
    eventTypes: string[];
    secretNonce: string;
    createdAt: string;
  };
  readonly WebhookSubscriptionPaused: { subscriptionId: string; pausedAt: string };
  readonly WebhookSubscriptionResumed: { subscriptionId: string; resumedAt: string };
  readonly WebhookSecretRotated: { subscriptionId: string; secretNonce: string; rotatedAt: string };
  readonly WebhookSubscriptionDeleted: { subscriptionId: string; deletedAt: string };
  /** Deliver again every event after `after` (a checkpoint; START for the whole log). */
  readonly WebhookReplayRequested: { subscriptionId: string; after: string; requestedAt: string };
  readonly WebhookDeliveryDeadLettered: {
    subscriptionId: string;
    eventId: string;
    checkpoint: string;
    attempts: number;
    lastError: string;
    responseCode?: number;
    deadLetteredAt: string;
  };
}

/** One webhook event as decided, before the store stamps it. */
export type WebhookEvent = {
  [T in WebhookEventType]: { readonly type: T; readonly data: WebhookEventData[T] };
}[WebhookEventType];

/** The stream of one subscription's configuration. */
export const webhookStreamOf = (subscriptionId: string): string => `webhook-subscription-${subscriptionId}`;
/** The stream of one subscription's dead letters (kept apart: the dispatcher never races an admin). */
export const deadLetterStreamOf = (subscriptionId: string): string =>
  `webhook-dead-letters-${subscriptionId}`;

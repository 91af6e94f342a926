import { createHash } from 'node:crypto';
import { DomainError, DomainErrorCode } from '@vouch/domain';
import type { Clock, EventStore, RecordedEvent } from '@vouch/event-store';
import { START, type Checkpoint } from '@vouch/event-store';
import { authorize } from '../../authorization/authorize';
import { eventIdFor } from '../../commands/event-ids';
import { actorOf, type Principal } from '../../principal';
import type { DeliveryLog, DeliveryRecord, DeliveryStatus } from './delivery-log';
import { checkDestination } from './destination-guard';
import { WEBHOOK_EVENT_TYPES, webhookStreamOf, type WebhookEvent } from './webhook-events';
import type { WebhookOptions } from './webhook-options';
import { deriveWebhookSecret } from './webhook-secret';
import {
  decideWebhook,
  evolveWebhook,
  type WebhookCommand,
  type WebhookSubscriptionState,
} from './webhook-subscription-decider';

/** A subscription as an admin sees it: never its secret. */
export type WebhookSubscriptionView = Omit<WebhookSubscriptionState, 'secretNonce'>;

/** A subscription with its secret: returned once, by `create` and `rotateSecret`. */
export interface WebhookSubscriptionWithSecret {
  readonly subscription: WebhookSubscriptionView;
  readonly secret: string;
}

const viewOf = ({ secretNonce: _nonce, ...view }: WebhookSubscriptionState): WebhookSubscriptionView => view;

const fold = (events: readonly RecordedEvent[]): WebhookSubscriptionState | undefined =>
  events.reduce<WebhookSubscriptionState | undefined>(
    (state, event) => evolveWebhook(state, { type: event.type, data: event.data } as unknown as WebhookEvent),
    undefined,
  );

/** A digest of the tenant and command id: the same retried command names the same subscription and nonce. */
const derived = (tenantId: string, commandId: string, what: string): string =>
  createHash('sha256').update(`${what}\u0000${tenantId}\u0000${commandId}`).digest('hex').slice(0, 24);

/**
 * Webhook subscriptions of a tenant, managed by its admins: each change is an event of the
 * subscription's stream (auditable, idempotent by command id), the URL is checked against
 * the destination policy before anything is written, and the secret is shown once.
 */
export class WebhookSubscriptions {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly options: WebhookOptions,
    private readonly log: DeliveryLog,
  ) {}

  /** Subscribes a URL to published event types; returns the secret, shown this once. */
  async create(
    principal: Principal,
    input: { commandId: string; url: string; eventTypes: readonly string[] },
  ): Promise<WebhookSubscriptionWithSecret> {
    authorize(actorOf(principal), 'manageWebhooks');
    await checkDestination(input.url, this.options.destinations);
    const subscriptionId = `wh_${derived(principal.tenantId, input.commandId, 'subscription')}`;
    const secretNonce = derived(principal.tenantId, input.commandId, 'nonce');
    const state = await this.change(principal, input.commandId, {
      kind: 'create',
      subscriptionId,
      url: input.url,
      eventTypes: input.eventTypes,
      secretNonce,
    });
    return { subscription: viewOf(state), secret: this.secretOf(principal.tenantId, state) };
  }

  /** Stops deliveries; they resume from where they stopped. */
  async pause(
    principal: Principal,
    input: { commandId: string; subscriptionId: string },
  ): Promise<WebhookSubscriptionView> {
    authorize(actorOf(principal), 'manageWebhooks');
    return viewOf(
      await this.change(principal, input.commandId, { kind: 'pause', subscriptionId: input.subscriptionId }),
    );
  }

  async resume(
    principal: Principal,
    input: { commandId: string; subscriptionId: string },
  ): Promise<WebhookSubscriptionView> {
    authorize(actorOf(principal), 'manageWebhooks');
    return viewOf(
      await this.change(principal, input.commandId, { kind: 'resume', subscriptionId: input.subscriptionId }),
    );
  }

  async delete(
    principal: Principal,
    input: { commandId: string; subscriptionId: string },
  ): Promise<WebhookSubscriptionView> {
    authorize(actorOf(principal), 'manageWebhooks');
    return viewOf(
      await this.change(principal, input.commandId, { kind: 'delete', subscriptionId: input.subscriptionId }),
    );
  }

  /** A new secret from now on (the old one stops signing at once); returned this once. */
  async rotateSecret(
    principal: Principal,
    input: { commandId: string; subscriptionId: string },
  ): Promise<WebhookSubscriptionWithSecret> {
    authorize(actorOf(principal), 'manageWebhooks');
    const state = await this.change(principal, input.commandId, {
      kind: 'rotateSecret',
      subscriptionId: input.subscriptionId,
      secretNonce: derived(principal.tenantId, input.commandId, 'nonce'),
    });
    return { subscription: viewOf(state), secret: this.secretOf(principal.tenantId, state) };
  }

  /** Delivers again every subscribed event after a log position (START: the whole log). */
  async replay(
    principal: Principal,
    input: { commandId: string; subscriptionId: string; after?: Checkpoint },
  ): Promise<WebhookSubscriptionView> {
    authorize(actorOf(principal), 'manageWebhooks');
    return viewOf(
      await this.change(principal, input.commandId, {
        kind: 'replay',
        subscriptionId: input.subscriptionId,
        after: input.after ?? START,
      }),
    );
  }

  /** The tenant's subscriptions (deleted ones left out). */
  async list(principal: Principal): Promise<WebhookSubscriptionView[]> {
    authorize(actorOf(principal), 'manageWebhooks');
    const byId = new Map<string, RecordedEvent[]>();
    let after: Checkpoint = START;
    for (;;) {
      const page = await this.store.readAll(principal.tenantId, {
        after,
        types: WEBHOOK_EVENT_TYPES,
        limit: 1000,
      });
      for (const event of page) {
        const id = String(event.data.subscriptionId);
        byId.set(id, [...(byId.get(id) ?? []), event]);
      }
      if (page.length < 1000) break;
      after = page[page.length - 1]!.checkpoint;
    }
    return [...byId.values()]
      .map(fold)
      .filter((state): state is WebhookSubscriptionState => state !== undefined && state.status !== 'DELETED')
      .map(viewOf);
  }

  /** One subscription, or undefined (also for another tenant's id: it does not exist here). */
  async get(principal: Principal, subscriptionId: string): Promise<WebhookSubscriptionView | undefined> {
    authorize(actorOf(principal), 'manageWebhooks');
    const state = fold(await this.store.readStream(principal.tenantId, webhookStreamOf(subscriptionId)));
    return state && state.status !== 'DELETED' ? viewOf(state) : undefined;
  }

  /** The delivery log of the tenant (this instance's dispatcher), newest first. */
  deliveries(
    principal: Principal,
    filter: { subscriptionId?: string; status?: DeliveryStatus } = {},
  ): DeliveryRecord[] {
    authorize(actorOf(principal), 'webhookDeliveries');
    return this.log.list(principal.tenantId, filter);
  }

  private secretOf(tenantId: string, state: WebhookSubscriptionState): string {
    return deriveWebhookSecret(this.options.operatorKey, tenantId, state.subscriptionId, state.secretNonce);
  }

  /** Decides and appends one change; a repeated command id returns the state it left. */
  private async change(
    principal: Principal,
    commandId: string,
    command: WebhookCommand,
  ): Promise<WebhookSubscriptionState> {
    const { tenantId } = principal;
    const stream = webhookStreamOf(command.subscriptionId);
    const history = await this.store.readStream(tenantId, stream);
    const firstId = eventIdFor(tenantId, stream, commandId, 0);
    const done = history.findIndex((event) => event.eventId === firstId);
    if (done >= 0) return fold(history)!;
    const state = fold(history);
    const now = this.clock();
    const events = decideWebhook(command, state, now);
    if (events.length === 0) return state!;
    const actor = actorOf(principal);
    await this.store.append(
      tenantId,
      stream,
      events.map((event, index) => ({
        eventId: eventIdFor(tenantId, stream, commandId, index),
        type: event.type,
        schemaVersion: 1,
        data: event.data as unknown as Record<string, unknown>,
        metadata: {
          tenantId,
          actor: { userId: actor.userId, roles: actor.roles },
          commandId,
          correlationId: commandId,
          causationId: commandId,
          effectiveAt: now,
        },
      })),
      { expectedVersion: history.length },
    );
    const next = events.reduce(evolveWebhook, state);
    if (!next) throw new DomainError(DomainErrorCode.NOT_FOUND, 'The webhook subscription is gone.', {});
    return next;
  }
}

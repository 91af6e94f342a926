import type { Principal, Webhooks } from '@vouch/application';
import { DomainError, DomainErrorCode } from '@vouch/domain';
import type { Checkpoint } from '@vouch/event-store';
import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import { PageArgs, pageOfList, type ConnectionShape } from '../common/connection';
import {
  CreateWebhookSubscriptionInput,
  ReplayWebhookInput,
  WebhookDeliveryConnection,
  WebhookDeliveryStatus,
  WebhookSubscriptionInput,
  WebhookSubscriptionView,
  WebhookSubscriptionWithSecretView,
  type WebhookDeliveryView,
} from './webhook-types';

/** The webhook mutations (admin configuration, not domain commands). */
export const WEBHOOK_MUTATIONS = [
  'createWebhookSubscription',
  'pauseWebhookSubscription',
  'resumeWebhookSubscription',
  'rotateWebhookSecret',
  'deleteWebhookSubscription',
  'replayWebhook',
] as const;

/** The deployment's webhooks, or a clear refusal when the operator configured none. */
function webhooksOf(vouch: ApiContext['vouch'], principal: Principal): Webhooks {
  if (!vouch.webhooks) {
    // Admin-only either way: a non-admin meets FORBIDDEN from the service, not this hint.
    if (!principal.roles.includes('ADMIN')) {
      throw new DomainError(
        DomainErrorCode.FORBIDDEN,
        'You may not manage webhooks: it needs the role ADMIN.',
        {},
      );
    }
    throw new DomainError(
      DomainErrorCode.NOT_FOUND,
      'This deployment has no webhooks: set VOUCH_WEBHOOK_KEY to enable them.',
      {},
    );
  }
  return vouch.webhooks;
}

/** Webhook subscriptions and their delivery log: admins of the tenant only. */
@Resolver()
export class WebhookResolvers {
  @Query(() => [WebhookSubscriptionView], {
    description: "The tenant's webhook subscriptions (never their secrets). Admins.",
  })
  async webhookSubscriptions(@Ctx() { vouch, principal }: ApiContext): Promise<WebhookSubscriptionView[]> {
    return webhooksOf(vouch, principal).subscriptions.list(principal);
  }

  @Query(() => WebhookDeliveryConnection, {
    description:
      'The delivery log, newest first: status, attempts, last error and response code of each delivery (never a body or a secret). Admins.',
  })
  async webhookDeliveries(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { vouch, principal }: ApiContext,
    @Arg('subscriptionId', () => ID, { nullable: true, description: 'Only this subscription.' })
    subscriptionId?: string | null,
    @Arg('status', () => WebhookDeliveryStatus, {
      nullable: true,
      description: 'Only deliveries in this status.',
    })
    status?: 'PENDING' | 'DELIVERED' | 'RETRYING' | 'DEAD_LETTERED' | null,
  ): Promise<ConnectionShape<WebhookDeliveryView>> {
    const records = webhooksOf(vouch, principal).subscriptions.deliveries(principal, {
      ...(subscriptionId ? { subscriptionId } : {}),
      ...(status ? { status } : {}),
    });
    return pageOfList(records, (r) => `${r.subscriptionId}/${r.webhookId}`, page);
  }

  @Mutation(() => WebhookSubscriptionWithSecretView, {
    nullable: true,
    description:
      'Subscribe a URL to published event types. The URL must resolve to public addresses (no private, loopback, link-local or metadata targets). Returns the signing secret once. Admins.',
  })
  async createWebhookSubscription(
    @Arg('input', () => CreateWebhookSubscriptionInput, { description: 'URL and event types.' })
    input: CreateWebhookSubscriptionInput,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<WebhookSubscriptionWithSecretView> {
    return webhooksOf(vouch, principal).subscriptions.create(principal, input);
  }

  @Mutation(() => WebhookSubscriptionView, {
    nullable: true,
    description: 'Pause deliveries (they wait). Admins.',
  })
  async pauseWebhookSubscription(
    @Arg('input', () => WebhookSubscriptionInput, { description: 'Which subscription.' })
    input: WebhookSubscriptionInput,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<WebhookSubscriptionView> {
    return webhooksOf(vouch, principal).subscriptions.pause(principal, input);
  }

  @Mutation(() => WebhookSubscriptionView, {
    nullable: true,
    description: 'Resume deliveries from where they paused. Admins.',
  })
  async resumeWebhookSubscription(
    @Arg('input', () => WebhookSubscriptionInput, { description: 'Which subscription.' })
    input: WebhookSubscriptionInput,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<WebhookSubscriptionView> {
    return webhooksOf(vouch, principal).subscriptions.resume(principal, input);
  }

  @Mutation(() => WebhookSubscriptionWithSecretView, {
    nullable: true,
    description:
      'Replace the signing secret: the old one stops signing at once; the new one is returned once. Admins.',
  })
  async rotateWebhookSecret(
    @Arg('input', () => WebhookSubscriptionInput, { description: 'Which subscription.' })
    input: WebhookSubscriptionInput,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<WebhookSubscriptionWithSecretView> {
    return webhooksOf(vouch, principal).subscriptions.rotateSecret(principal, input);
  }

  @Mutation(() => WebhookSubscriptionView, {
    nullable: true,
    description: 'Delete a subscription: nothing more is delivered to it. Admins.',
  })
  async deleteWebhookSubscription(
    @Arg('input', () => WebhookSubscriptionInput, { description: 'Which subscription.' })
    input: WebhookSubscriptionInput,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<WebhookSubscriptionView> {
    return webhooksOf(vouch, principal).subscriptions.delete(principal, input);
  }

  @Mutation(() => WebhookSubscriptionView, {
    nullable: true,
    description:
      'Deliver again every subscribed event after a log position (same `webhook-id`s, so receivers recognise duplicates). Admins.',
  })
  async replayWebhook(
    @Arg('input', () => ReplayWebhookInput, { description: 'Which subscription, from where.' })
    input: ReplayWebhookInput,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<WebhookSubscriptionView> {
    return webhooksOf(vouch, principal).subscriptions.replay(principal, {
      commandId: input.commandId,
      subscriptionId: input.subscriptionId,
      ...(input.after ? { after: input.after as Checkpoint } : {}),
    });
  }
}

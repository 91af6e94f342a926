import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionOf } from '../common/connection';
import { IdField, TextField, TextListField } from '../common/fields';
import { enumOf, registerDescribedEnum } from '../enums/enum-of';
import { DateTimeScalar } from '../scalars/date-time';

const COMMAND_ID =
  'Client-chosen id of this command; repeating it changes nothing and returns the first result.';

export const WebhookStatus = enumOf(['ACTIVE', 'PAUSED'] as const);
registerDescribedEnum(WebhookStatus, {
  name: 'WebhookStatus',
  description: 'Whether a webhook subscription is delivering.',
  values: { ACTIVE: 'Delivering.', PAUSED: 'Paused: events wait and are delivered on resume.' },
});

export const WebhookDeliveryStatus = enumOf(['PENDING', 'DELIVERED', 'RETRYING', 'DEAD_LETTERED'] as const);
registerDescribedEnum(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where one delivery stands.',
  values: {
    PENDING: 'Not attempted yet.',
    DELIVERED: 'The receiver answered 2xx.',
    RETRYING: 'The last attempt failed; it is retried with exponential backoff.',
    DEAD_LETTERED:
      'Every attempt failed: it is recorded as a dead letter and not retried (replay to send it again).',
  },
});

@ObjectType({
  description:
    'A webhook subscription of the tenant: published event types (CloudEvents 1.0) POSTed to a URL, signed per the Standard Webhooks specification. Its secret is never shown here.',
})
export class WebhookSubscriptionView {
  @Field(() => ID, { description: 'The subscription.' })
  subscriptionId!: string;

  @Field(() => String, { description: 'Where deliveries are POSTed.' })
  url!: string;

  @Field(() => [String], {
    description: 'The published event types it receives (e.g. `dev.vouch.consent.withdrawn.v1`).',
  })
  eventTypes!: readonly string[];

  @Field(() => WebhookStatus, { description: 'Active or paused.' })
  status!: string;

  @Field(() => DateTimeScalar, { description: 'When it was created.' })
  createdAt!: string;

  @Field(() => Int, { description: 'How many replays were asked.' })
  replays!: number;
}

@ObjectType({ description: 'A subscription with its signing secret: shown this once, store it now.' })
export class WebhookSubscriptionWithSecretView {
  @Field(() => WebhookSubscriptionView, { description: 'The subscription.' })
  subscription!: WebhookSubscriptionView;

  @Field(() => String, {
    description: 'The signing secret (`whsec_…`), shown this once: Vouch does not store it.',
  })
  secret!: string;
}

@ObjectType({
  description: 'One published event delivered (or not) to one subscription: never its body or secret.',
})
export class WebhookDeliveryView {
  @Field(() => ID, { description: 'The subscription.' })
  subscriptionId!: string;

  @Field(() => String, { description: 'The `webhook-id` (CloudEvent id): the same on every redelivery.' })
  webhookId!: string;

  @Field(() => String, { description: 'The published event type.' })
  eventType!: string;

  @Field(() => String, { description: 'The CloudEvent subject (an aggregate id).' })
  subject!: string;

  @Field(() => String, { description: "The event's position in the log (for a replay)." })
  checkpoint!: string;

  @Field(() => WebhookDeliveryStatus, { description: 'Where it stands.' })
  status!: string;

  @Field(() => Int, { description: 'Attempts so far.' })
  attempts!: number;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  lastError?: string;

  @Field(() => Int, { nullable: true, description: "The receiver's last HTTP status code." })
  responseCode?: number;

  @Field(() => DateTimeScalar, { description: 'When it last changed.' })
  updatedAt!: string;
}

export const WebhookDeliveryConnection = connectionOf(
  'WebhookDelivery',
  WebhookDeliveryView,
  'webhook delivery',
  'webhook deliveries',
);

@InputType({ description: 'Subscribe a URL to published event types.' })
export class CreateWebhookSubscriptionInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @TextField('The https URL to POST to: it must resolve to public addresses only.', { long: true })
  url!: string;

  @TextListField('The published event types to receive, e.g. `dev.vouch.consent.withdrawn.v1`.')
  eventTypes!: string[];
}

@InputType({ description: 'Name one webhook subscription.' })
export class WebhookSubscriptionInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField('The subscription.')
  subscriptionId!: string;
}

@InputType({ description: 'Deliver again every subscribed event after a log position.' })
export class ReplayWebhookInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField('The subscription.')
  subscriptionId!: string;

  @TextField(
    "The log position (a delivery's `checkpoint`) to deliver after; omit it to replay the whole log.",
    {
      nullable: true,
    },
  )
  after?: string | null;
}

import type { CrmInboxStatus as CrmInboxStatusValue } from '@vouch/application';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { connectionOf } from '../common/connection';
import { enumOf, registerDescribedEnum } from '../enums/enum-of';
import { DateTimeScalar } from '../scalars/date-time';

export const CrmInboxStatus = enumOf<CrmInboxStatusValue>(['PARKED', 'APPLIED', 'DISMISSED']);
registerDescribedEnum(CrmInboxStatus, {
  name: 'CrmInboxStatus',
  description: 'Where an inbound CRM event stands.',
  values: {
    PARKED: 'Waiting: its account is not known to Vouch yet (retried when it appears, or resolved by hand).',
    APPLIED: 'Turned into Vouch commands (see its outcomes).',
    DISMISSED: 'Set aside by an admin or program manager, with a reason.',
  },
});

@ObjectType({ description: 'What one Vouch command derived from a CRM event did.' })
export class CrmCommandOutcomeView {
  @Field(() => String, { description: 'The command type, e.g. RecordOutcome.' })
  command!: string;

  @Field(() => ID, { description: 'The aggregate it addressed.' })
  aggregateId!: string;

  @Field(() => String, { description: 'DONE, UNCHANGED (a repeat) or the refusal code.' })
  result!: string;
}

@ObjectType({ description: 'An inbound CRM event of the inbox, with its latest receipt.' })
export class CrmInboxEntryView {
  @Field(() => ID, { description: "The CRM's own event id." })
  eventId!: string;

  @Field(() => String, { description: 'The CRM event type: opportunity.changed or contact.left.' })
  type!: string;

  @Field(() => CrmInboxStatus, { description: 'Where it stands.' })
  status!: CrmInboxStatusValue;

  @Field(() => String, { nullable: true, description: 'Why it is parked or dismissed.' })
  reason?: string | null;

  @Field(() => ID, { description: 'The account (its external id) the event is about.' })
  accountExternalId!: string;

  @Field(() => [CrmCommandOutcomeView], { description: 'What each derived command did, in order.' })
  outcomes!: CrmCommandOutcomeView[];

  @Field(() => DateTimeScalar, { description: 'When its latest receipt was written.' })
  at!: string;

  @Field(() => DateTimeScalar, { description: 'When Vouch first received it.' })
  receivedAt!: string;

  @Field(() => GraphQLJSONObject, { description: 'The CRM event as received (ids only, never names).' })
  event!: object;
}

export const CrmInboxEntryConnection = connectionOf(
  'CrmInboxEntry',
  CrmInboxEntryView,
  'inbound CRM event',
  'inbound CRM events',
);

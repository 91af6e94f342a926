import type { RequestStatus as RequestStatusValue } from '@vouch/domain';
import { Field, ID, ObjectType } from 'type-graphql';
import { RequestStatus } from '../enums/read-model-enums';
import { ReferenceRequest } from '../request/request-types';
import { DateTimeScalar } from '../scalars/date-time';

@ObjectType({ description: "A reference request's status changed." })
export class RequestStatusChange {
  @Field(() => ID, { description: 'The request.' })
  requestId!: string;

  @Field(() => RequestStatus, { description: 'Its status now.' })
  status!: RequestStatusValue;

  @Field(() => RequestStatus, {
    nullable: true,
    description:
      'Its status before, as this subscription knew it; null the first time it hears of the request.',
  })
  previousStatus?: RequestStatusValue;

  @Field(() => String, { description: 'The event that changed it, e.g. `CandidateAccepted`.' })
  eventType!: string;

  @Field(() => String, { description: 'Opaque log position of that event.' })
  checkpoint!: string;

  @Field(() => DateTimeScalar, { description: 'When it was recorded.' })
  recordedAt!: string;

  @Field(() => ReferenceRequest, {
    description: 'The request after the change, as the `request` query shows it.',
  })
  request!: ReferenceRequest;
}

@ObjectType({
  description:
    "Something that can change an advocate's availability was recorded: status, consents, engagements or preferences. Resolve `availability` for the kinds you care about.",
})
export class AvailabilityChange {
  @Field(() => ID, { description: 'The advocate.' })
  advocateId!: string;

  @Field(() => String, { description: 'The event recorded, e.g. `ConsentWithdrawn`.' })
  eventType!: string;

  @Field(() => String, { description: 'Opaque log position of that event.' })
  checkpoint!: string;

  @Field(() => DateTimeScalar, { description: 'When it was recorded.' })
  recordedAt!: string;
}

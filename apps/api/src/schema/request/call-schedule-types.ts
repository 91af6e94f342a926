import type { AttendanceParty as AttendancePartyValue } from '@vouch/domain';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AttendanceParty } from '../enums/domain-enums';
import { DateTimeScalar } from '../scalars/date-time';

@ObjectType({ description: 'One time offered for a call.' })
export class OfferedSlot {
  @Field(() => DateTimeScalar, { description: 'When the call would start.' })
  startsAt!: string;

  @Field(() => DateTimeScalar, { description: 'When it would end.' })
  endsAt!: string;
}

@ObjectType({
  description: 'One round of slots offered for a call; a reschedule adds a round, earlier ones stay.',
})
export class SlotOffer {
  @Field(() => Int, { description: 'The round, from 1.' })
  offerNo!: number;

  @Field(() => String, { description: 'The time zone the slots were offered in (IANA).' })
  timeZone!: string;

  @Field(() => Int, { description: 'How long the call lasts, in minutes.' })
  durationMinutes!: number;

  @Field(() => [OfferedSlot], { description: 'The times offered.' })
  slots!: readonly OfferedSlot[];

  @Field(() => ID, { description: 'Who offered them (for the advocate).' })
  offeredBy!: string;

  @Field(() => DateTimeScalar, { description: 'When.' })
  offeredAt!: string;
}

@ObjectType({ description: 'The slot the requester picked.' })
export class PickedSlot {
  @Field(() => Int, { description: 'The offer it came from.' })
  offerNo!: number;

  @Field(() => String, { description: 'The time zone the slots were offered in (IANA).' })
  timeZone!: string;

  @Field(() => DateTimeScalar, { description: 'When the call starts.' })
  startsAt!: string;

  @Field(() => DateTimeScalar, { description: 'When it ends.' })
  endsAt!: string;

  @Field(() => ID, { description: 'Who picked it.' })
  pickedBy!: string;

  @Field(() => DateTimeScalar, { description: 'When.' })
  pickedAt!: string;
}

@ObjectType({
  description: "A candidate's call: the slots offered, the one picked, and who confirmed it took place.",
})
export class CallSchedule {
  @Field(() => [SlotOffer], { description: 'Every offer, oldest first (the latest one is open to pick).' })
  offers!: readonly SlotOffer[];

  @Field(() => PickedSlot, { nullable: true, description: 'The picked slot, once picked.' })
  picked?: PickedSlot;

  @Field(() => [AttendanceParty], { description: 'Who confirmed the picked call took place.' })
  confirmations!: readonly AttendancePartyValue[];
}

@ObjectType({ description: 'The iCalendar invitation to a picked call (RFC 5545, UTC times).' })
export class CallInvitation {
  @Field(() => ID, { description: 'The request.' })
  requestId!: string;

  @Field(() => ID, { description: 'The advocate.' })
  advocateId!: string;

  @Field(() => DateTimeScalar, { description: 'When the call starts.' })
  startsAt!: string;

  @Field(() => DateTimeScalar, { description: 'When it ends.' })
  endsAt!: string;

  @Field(() => String, { description: 'The time zone the slots were offered in (IANA).' })
  timeZone!: string;

  @Field(() => String, {
    description:
      'The text/calendar document. It names the advocate (name, email) only for callers who may see them in full; never an erased advocate.',
  })
  ics!: string;
}

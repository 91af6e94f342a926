import type {
  ActivityKind as ActivityKindValue,
  AdvocateStatus as AdvocateStatusValue,
  Channel as ChannelValue,
  Segment as SegmentValue,
  Seniority as SeniorityValue,
} from '@vouch/domain';
import { IsUppercase } from 'class-validator';
import { InputType } from 'type-graphql';
import {
  DateTimeField,
  EnumField,
  EnumListField,
  NestedField,
  TextField,
  TextListField,
} from '../common/fields';
import { ActivityKind, Channel, Segment, Seniority } from '../enums/domain-enums';
import { AdvocateStatus } from '../enums/read-model-enums';

@InputType({ description: 'Only advocates who can be asked for this kind at this date (in this scope).' })
export class AvailableForInput {
  @EnumField(ActivityKind, 'The activity kind.')
  kind!: ActivityKindValue;

  @DateTimeField('The date of the activity.')
  at!: string;

  @TextField('The territory of the use (with `channel`); the consent must cover it.', { nullable: true })
  @IsUppercase()
  territory?: string;

  @EnumField(Channel, 'The channel of the use (with `territory`).', { nullable: true })
  channel?: ChannelValue;
}

@InputType({
  description: 'What to look for; each list means "any of these", and every filter given must hold.',
})
export class AdvocateSearchInput {
  @TextListField('Industries of the account.', { nullable: true })
  industries?: string[];

  @EnumListField(Segment, 'Segments of the account.', { nullable: true })
  segments?: SegmentValue[];

  @TextListField('Regions of the account.', { nullable: true })
  regions?: string[];

  @TextListField('Products the advocate speaks to.', { nullable: true })
  products?: string[];

  @TextListField('Use cases.', { nullable: true })
  useCases?: string[];

  @TextListField('Languages.', { nullable: true })
  languages?: string[];

  @EnumField(Seniority, 'At least this title level.', { nullable: true })
  minSeniority?: SeniorityValue;

  @EnumListField(AdvocateStatus, 'Statuses; default CANDIDATE, ACTIVE and RESTING.', { nullable: true })
  statuses?: AdvocateStatusValue[];

  @TextField(
    'Words that must all occur in the company name or topics (and in titles, for callers who may see them).',
    { nullable: true },
  )
  text?: string;

  @NestedField(() => AvailableForInput, 'Only advocates who can be asked for a kind at a date.', {
    nullable: true,
  })
  availableFor?: AvailableForInput;
}

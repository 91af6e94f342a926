import type {
  ActivityKind as ActivityKindValue,
  Channel as ChannelValue,
  EngagementReleaseReason as ReleaseReasonValue,
} from '@vouch/domain';
import { InputType } from 'type-graphql';
import { ActivityKind, Channel, EngagementReleaseReason, OwnerClearanceKind } from '../enums/domain-enums';
import { DateTimeField, EnumField, IdField, IntField, NestedField, TextField } from '../common/fields';

const COMMAND_ID = 'Client-chosen id of this command; repeating it changes nothing.';
const ADVOCATE_ID = 'The advocate.';
const ENGAGEMENT_ID = 'The engagement.';

@InputType({ description: 'How asking this advocate was cleared with the account owner (invariant 3).' })
export class OwnerClearanceInput {
  @EnumField(OwnerClearanceKind, 'OWNER: the owner approved; OVERRIDE: a program manager overrode.')
  kind!: 'OWNER' | 'OVERRIDE';

  @IdField('User id of who cleared it.')
  by!: string;

  @TextField('The reason of an override.', { long: true, nullable: true })
  reason?: string;
}

@InputType({
  description:
    'Reserve an advocate for one activity outside a request workflow. The consent, fatigue, owner and status gates hold here.',
})
export class ReserveEngagementInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ADVOCATE_ID)
  advocateId!: string;

  @IdField('Id of the new engagement.')
  engagementId!: string;

  @IdField('The reference request it serves, if any.', { nullable: true })
  requestId?: string;

  @EnumField(ActivityKind, 'The activity.')
  kind!: ActivityKindValue;

  @TextField('Where the use is made (region or country code); the consent must cover it.')
  territory!: string;

  @EnumField(Channel, 'How the use is made; the consent must cover it.')
  channel!: ChannelValue;

  @DateTimeField('When the activity is expected; now when omitted.', { nullable: true })
  activityAt?: string;

  @NestedField(() => OwnerClearanceInput, 'How the ask was cleared with the account owner.')
  ownerClearance!: OwnerClearanceInput;

  @TextField("A program manager's reason to override the fatigue limits.", { long: true, nullable: true })
  fatigueOverrideReason?: string;
}

@InputType({ description: 'Names one engagement of an advocate.' })
export class EngagementCommandInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ADVOCATE_ID)
  advocateId!: string;

  @IdField(ENGAGEMENT_ID)
  engagementId!: string;
}

@InputType({
  description: 'The advocate approved this particular use (where the consent asks for per-use approval).',
})
export class ApproveUseInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ADVOCATE_ID)
  advocateId!: string;

  @IdField(ENGAGEMENT_ID)
  engagementId!: string;

  @TextField('Where the approval is recorded (no personal data).', { long: true })
  evidence!: string;
}

@InputType({ description: 'Schedule an engagement.' })
export class ScheduleEngagementInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ADVOCATE_ID)
  advocateId!: string;

  @IdField(ENGAGEMENT_ID)
  engagementId!: string;

  @DateTimeField('When it takes place.')
  at!: string;

  @TextField("A program manager's reason to override the fatigue limits.", { long: true, nullable: true })
  fatigueOverrideReason?: string;
}

@InputType({ description: 'Record that an engagement took place: it counts as a use.' })
export class CompleteEngagementInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ADVOCATE_ID)
  advocateId!: string;

  @IdField(ENGAGEMENT_ID)
  engagementId!: string;

  @DateTimeField('When it was completed; now when omitted.', { nullable: true })
  completedAt?: string;
}

@InputType({ description: 'Release an advocate from an engagement that has not been completed.' })
export class ReleaseEngagementInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ADVOCATE_ID)
  advocateId!: string;

  @IdField(ENGAGEMENT_ID)
  engagementId!: string;

  @EnumField(EngagementReleaseReason, 'Why.')
  reason!: ReleaseReasonValue;

  @TextField('Note.', { long: true, nullable: true })
  note?: string;
}

@InputType({ description: 'Rate how an engagement went.' })
export class RecordEngagementFeedbackInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ADVOCATE_ID)
  advocateId!: string;

  @IdField(ENGAGEMENT_ID)
  engagementId!: string;

  @IntField('Rating, 1–5.', { min: 1, max: 5 })
  rating!: number;

  @TextField('Comment.', { long: true, nullable: true })
  comment?: string;
}

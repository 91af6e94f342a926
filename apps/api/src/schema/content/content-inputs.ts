import type {
  Channel as ChannelValue,
  ContentKind as ContentKindValue,
  ContentSuspensionReason as SuspensionReasonValue,
} from '@vouch/domain';
import { InputType } from 'type-graphql';
import { Channel, ConsentHolderKind, ContentKind, ContentSuspensionReason } from '../enums/domain-enums';
import { EnumField, IdField, NestedListField, TextField } from '../common/fields';

const COMMAND_ID = 'Client-chosen id of this command; repeating it changes nothing.';
const CONTENT_ID = 'The content asset.';

@InputType({ description: 'Whose consent a content asset relies on.' })
export class ConsentHolderInput {
  @EnumField(ConsentHolderKind, "ADVOCATE: an advocate's consent; ACCOUNT: the company's own.")
  holder!: 'ADVOCATE' | 'ACCOUNT';

  @IdField('The advocate or account id.')
  holderId!: string;
}

@InputType({ description: 'Draft a content asset (case study, quote, video, logo).' })
export class DraftContentInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField('Id of the new asset.')
  contentId!: string;

  @EnumField(ContentKind, 'The kind of asset.')
  kind!: ContentKindValue;

  @TextField('Title.')
  title!: string;

  @IdField('The account it is about.')
  accountId!: string;

  @NestedListField(() => ConsentHolderInput, 'Whose consents it relies on.')
  holders!: ConsentHolderInput[];

  @TextField('Where it will be used; the consents must cover it.')
  territory!: string;

  @EnumField(Channel, 'How it will be used; the consents must cover it.')
  channel!: ChannelValue;
}

@InputType({ description: 'The customer signed off the final text or cut.' })
export class ApproveContentInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(CONTENT_ID)
  contentId!: string;

  @TextField('Where the sign-off is recorded (no names).', { long: true })
  evidence!: string;
}

@InputType({ description: 'Publish an approved asset.' })
export class PublishContentInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(CONTENT_ID)
  contentId!: string;

  @TextField('Where it is published.', { long: true, nullable: true })
  url?: string;
}

@InputType({ description: 'Take an asset out of use.' })
export class SuspendContentInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(CONTENT_ID)
  contentId!: string;

  @EnumField(ContentSuspensionReason, 'Why.')
  reason!: SuspensionReasonValue;

  @IdField('The consent concerned, if any.', { nullable: true })
  consentId?: string;

  @TextField('Note.', { long: true, nullable: true })
  note?: string;
}

@InputType({ description: 'Put a suspended asset back into use.' })
export class ReinstateContentInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(CONTENT_ID)
  contentId!: string;

  @TextField('Note.', { long: true, nullable: true })
  note?: string;
}

@InputType({ description: 'Retire an asset for good.' })
export class RetireContentInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(CONTENT_ID)
  contentId!: string;

  @TextField('Why.', { long: true })
  reason!: string;
}

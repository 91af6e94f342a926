import type {
  ActivityKind as ActivityKindValue,
  Channel as ChannelValue,
  ConsentCollectionMethod as MethodValue,
} from '@vouch/domain';
import { InputType } from 'type-graphql';
import { ActivityKind, Channel, ConsentCollectionMethod } from '../enums/domain-enums';
import {
  BooleanField,
  DateTimeField,
  EnumField,
  EnumListField,
  IdField,
  IntField,
  TextField,
  TextListField,
} from '../common/fields';

// The terms of consents (usage grants), the same for an advocate's and a company's consent;
// each mutation's input names the holder (advocate or account) beside them.

@InputType({ description: 'The terms of a new consent and how it was collected (ISO/IEC TS 27560).' })
export class GrantConsentTermsInput {
  @IdField('Id of the new consent.')
  consentId!: string;

  @EnumListField(ActivityKind, 'The activity kinds permitted.')
  kinds!: ActivityKindValue[];

  @TextListField('Region or country codes where uses are permitted; `GLOBAL` covers every territory.')
  territories!: string[];

  @EnumListField(Channel, 'The channels uses may be made in.')
  channels!: ChannelValue[];

  @DateTimeField('From when the consent is in force.')
  validFrom!: string;

  @DateTimeField('Until when it is in force; open-ended when omitted.', { nullable: true })
  validUntil?: string;

  @IntField('At most this many uses; unlimited when omitted.', { min: 1, max: 10_000, nullable: true })
  maxUses?: number;

  @BooleanField('Whether each use needs the holder’s own approval.', { nullable: true })
  perUseApprovalRequired?: boolean;

  @EnumField(ConsentCollectionMethod, 'How the consent was collected.')
  collectionMethod!: MethodValue;

  @DateTimeField('When it was collected.')
  collectedAt!: string;

  @TextField('SHA-256 (hex) of the signed document or recording.', { nullable: true })
  evidenceHash?: string;

  @TextField('Version of the privacy notice the holder was shown.')
  noticeVersion!: string;
}

@InputType({ description: 'New terms of a renewed consent; its version goes up by one.' })
export class RenewConsentTermsInput {
  @IdField('The consent to renew.')
  consentId!: string;

  @DateTimeField('New end of validity.', { nullable: true })
  validUntil?: string;

  @IntField('New maximum of uses.', { min: 1, max: 10_000, nullable: true })
  maxUses?: number;

  @EnumField(ConsentCollectionMethod, 'How the renewal was collected.')
  collectionMethod!: MethodValue;

  @DateTimeField('When it was collected.')
  collectedAt!: string;

  @TextField('SHA-256 (hex) of the signed document or recording.', { nullable: true })
  evidenceHash?: string;

  @TextField('Version of the privacy notice the holder was shown.')
  noticeVersion!: string;
}

@InputType({ description: 'What to withdraw of a consent, wholly or some kinds. Takes effect at once.' })
export class WithdrawConsentTermsInput {
  @IdField('The consent to withdraw.')
  consentId!: string;

  @EnumListField(ActivityKind, 'Only these kinds; every kind of the consent when omitted.', {
    nullable: true,
  })
  kinds?: ActivityKindValue[];

  @TextField('Why, in the holder’s words if possible.', { long: true })
  reason!: string;
}

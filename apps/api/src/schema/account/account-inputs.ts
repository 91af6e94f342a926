import type { Segment as SegmentValue } from '@vouch/domain';
import { InputType } from 'type-graphql';
import { Segment } from '../enums/domain-enums';
import {
  DateTimeField,
  EnumField,
  IdField,
  IntField,
  NestedField,
  TextField,
  TextListField,
} from '../common/fields';
import {
  GrantConsentTermsInput,
  RenewConsentTermsInput,
  WithdrawConsentTermsInput,
} from '../consent/consent-inputs';

const COMMAND_ID = 'Client-chosen id of this command; repeating it changes nothing.';
const ACCOUNT_ID = 'The account.';

@InputType({ description: 'Register a customer account.' })
export class RegisterAccountInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField('Id of the new account.')
  accountId!: string;

  @TextField('Company name.')
  name!: string;

  @TextField('Industry.')
  industry!: string;

  @EnumField(Segment, 'Customer segment.')
  segment!: SegmentValue;

  @TextField('Region.')
  region!: string;

  @TextListField('Products the customer uses.')
  products!: string[];

  @IdField('User id of the account owner (AE/CSM).')
  ownerId!: string;
}

@InputType({ description: "Correct an account's profile." })
export class UpdateAccountProfileInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ACCOUNT_ID)
  accountId!: string;

  @TextField('Company name.')
  name!: string;

  @TextField('Industry.')
  industry!: string;

  @EnumField(Segment, 'Customer segment.')
  segment!: SegmentValue;

  @TextField('Region.')
  region!: string;

  @TextListField('Products the customer uses.')
  products!: string[];
}

@InputType({ description: 'Hand an account to another owner.' })
export class ReassignAccountOwnerInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ACCOUNT_ID)
  accountId!: string;

  @IdField('User id of the new owner.')
  ownerId!: string;

  @TextField('Why.', { long: true })
  reason!: string;
}

@InputType({ description: 'Record account health as customer success measures it.' })
export class RecordAccountHealthInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ACCOUNT_ID)
  accountId!: string;

  @IntField('Health score, 0–100.', { min: 0, max: 100 })
  healthScore!: number;

  @IntField('Net promoter score, −100…100, when known.', { min: -100, max: 100, nullable: true })
  nps?: number;

  @IntField('Customer satisfaction, 0–100, when known.', { min: 0, max: 100, nullable: true })
  csat?: number;
}

@InputType({ description: "Record the company's own consent (for its logo, or company-level case studies)." })
export class GrantAccountConsentInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ACCOUNT_ID)
  accountId!: string;

  @NestedField(() => GrantConsentTermsInput, 'The terms of the consent.')
  consent!: GrantConsentTermsInput;
}

@InputType({ description: "Renew a company's consent." })
export class RenewAccountConsentInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ACCOUNT_ID)
  accountId!: string;

  @NestedField(() => RenewConsentTermsInput, 'The renewed terms.')
  consent!: RenewConsentTermsInput;
}

@InputType({ description: "Withdraw a company's consent; takes effect at once." })
export class WithdrawAccountConsentInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ACCOUNT_ID)
  accountId!: string;

  @NestedField(() => WithdrawConsentTermsInput, 'What is withdrawn.')
  withdrawal!: WithdrawConsentTermsInput;
}

@InputType({ description: 'Archive an account that is no longer a customer.' })
export class ArchiveAccountInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ACCOUNT_ID)
  accountId!: string;

  @TextField('Why.', { long: true })
  reason!: string;
}

@InputType({
  description:
    "Let a colleague act for the account (its advocates and nominations) until a date, e.g. during leave. The account's owner or an admin.",
})
export class DelegateAccountInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ACCOUNT_ID)
  accountId!: string;

  @IdField('User id of the colleague who acts for the owner.')
  delegateId!: string;

  @DateTimeField('When the delegation ends by itself.')
  until!: string;

  @TextField('Why.', { long: true })
  reason!: string;
}

@InputType({ description: 'End a delegation of the account before its date.' })
export class RevokeAccountDelegationInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ACCOUNT_ID)
  accountId!: string;

  @IdField('User id of the colleague whose delegation ends.')
  delegateId!: string;
}

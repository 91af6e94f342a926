import { InputType } from 'type-graphql';
import { IdField, NestedField } from '../common/fields';
import { GrantConsentTermsInput, RenewConsentTermsInput, WithdrawConsentTermsInput } from './consent-inputs';

const COMMAND_ID = 'Client-chosen id of this command; repeating it changes nothing.';
const ADVOCATE_ID = 'The advocate whose consent it is.';

@InputType({ description: "Record an advocate's consent (usage grant)." })
export class GrantConsentInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ADVOCATE_ID)
  advocateId!: string;

  @NestedField(() => GrantConsentTermsInput, 'The terms of the consent.')
  consent!: GrantConsentTermsInput;
}

@InputType({ description: "Renew an advocate's consent." })
export class RenewConsentInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ADVOCATE_ID)
  advocateId!: string;

  @NestedField(() => RenewConsentTermsInput, 'The renewed terms.')
  consent!: RenewConsentTermsInput;
}

@InputType({ description: "Withdraw an advocate's consent; takes effect at once." })
export class WithdrawConsentInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ADVOCATE_ID)
  advocateId!: string;

  @NestedField(() => WithdrawConsentTermsInput, 'What is withdrawn.')
  withdrawal!: WithdrawConsentTermsInput;
}

@InputType({ description: "Record that a consent's validity has ended, releasing what relied on it." })
export class RecordConsentExpiryInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ADVOCATE_ID)
  advocateId!: string;

  @IdField('The consent that expired.')
  consentId!: string;
}

import type {
  SatisfactionEvidenceKind as EvidenceKindValue,
  Seniority as SeniorityValue,
} from '@vouch/domain';
import { InputType } from 'type-graphql';
import { SatisfactionEvidenceKind, Seniority } from '../enums/domain-enums';
import { EmailField, EnumField, IdField, TextField, TextListField } from '../common/fields';

const COMMAND_ID = 'Client-chosen id of this command; repeating it changes nothing.';
const NOMINATION_ID = 'The nomination.';

@InputType({
  description:
    'Propose that a happy customer contact become an advocate. From an account below the health threshold, a program manager must give an override reason.',
})
export class SubmitNominationInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField('Id of the new nomination.')
  nominationId!: string;

  @IdField('The account the candidate works at.')
  accountId!: string;

  @IdField('The id the advocate will have once enrolled; personal data is keyed to it.')
  candidateId!: string;

  @TextField('Full name (personal data).')
  name!: string;

  @EmailField('Email address (personal data).')
  email!: string;

  @TextField('Phone number (personal data).', { nullable: true })
  phone?: string;

  @TextField('Job title (personal data).')
  title!: string;

  @EnumField(Seniority, 'Title level.')
  seniority!: SeniorityValue;

  @TextListField('Products the candidate can speak to.')
  products!: string[];

  @TextListField('Use cases the candidate can speak to.')
  useCases!: string[];

  @TextListField('Languages the candidate speaks.')
  languages!: string[];

  @TextListField('Topics.', { nullable: true })
  topics?: string[];

  @EnumField(SatisfactionEvidenceKind, 'What shows the customer is happy.')
  evidenceKind!: EvidenceKindValue;

  @TextField('The evidence, in words.', { long: true })
  evidence!: string;

  @TextField("A program manager's reason to nominate from an account below the health threshold.", {
    long: true,
    nullable: true,
  })
  healthOverrideReason?: string;
}

@InputType({ description: 'Approve a nomination; the candidate is then enrolled.' })
export class ApproveNominationInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(NOMINATION_ID)
  nominationId!: string;

  @TextField('Note.', { long: true, nullable: true })
  note?: string;
}

@InputType({ description: 'Reject or withdraw a nomination, with a reason.' })
export class NominationReasonInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(NOMINATION_ID)
  nominationId!: string;

  @TextField('Why.', { long: true })
  reason!: string;
}

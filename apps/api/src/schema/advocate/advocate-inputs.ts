import type { ActivityKind as ActivityKindValue, Seniority as SeniorityValue } from '@vouch/domain';
import { InputType } from 'type-graphql';
import { ActivityKind, Seniority } from '../enums/domain-enums';
import {
  DateTimeField,
  EmailField,
  EnumField,
  EnumListField,
  IdField,
  IntField,
  NestedListField,
  TextField,
  TextListField,
} from '../common/fields';

const COMMAND_ID = 'Client-chosen id of this command; repeating it changes nothing.';
const ADVOCATE_ID = 'The advocate.';

@InputType({ description: 'Enrol a customer contact as an advocate (status CANDIDATE).' })
export class EnrolAdvocateInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField('Id of the new advocate; personal data is keyed to it.')
  advocateId!: string;

  @IdField('The account the advocate works at.')
  accountId!: string;

  @IdField('The approved nomination this enrolment follows, if any.', { nullable: true })
  nominationId?: string;

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

  @TextListField('Products the advocate can speak to.')
  products!: string[];

  @TextListField('Use cases the advocate can speak to.')
  useCases!: string[];

  @TextListField('Languages the advocate speaks (e.g. `en`, `de`).')
  languages!: string[];

  @TextListField('Topics the advocate likes to speak about.', { nullable: true })
  topics?: string[];
}

@InputType({ description: 'Names one advocate for a command that needs nothing else.' })
export class AdvocateCommandInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ADVOCATE_ID)
  advocateId!: string;
}

@InputType({ description: "Correct an advocate's contact details (personal data)." })
export class UpdateAdvocateContactInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ADVOCATE_ID)
  advocateId!: string;

  @TextField('Full name.')
  name!: string;

  @EmailField('Email address.')
  email!: string;

  @TextField('Phone number.', { nullable: true })
  phone?: string;

  @TextField('Job title.')
  title!: string;
}

@InputType({ description: 'Correct what an advocate can speak to.' })
export class UpdateAdvocateAttributesInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ADVOCATE_ID)
  advocateId!: string;

  @EnumField(Seniority, 'Title level.')
  seniority!: SeniorityValue;

  @TextListField('Products.')
  products!: string[];

  @TextListField('Use cases.')
  useCases!: string[];

  @TextListField('Languages.')
  languages!: string[];

  @TextListField('Topics.', { nullable: true })
  topics?: string[];
}

@InputType({ description: 'A period in which the advocate is not to be asked.' })
export class BlackoutPeriodInput {
  @DateTimeField('Start of the blackout.')
  from!: string;

  @DateTimeField('End of the blackout.')
  until!: string;
}

@InputType({ description: "The advocate's own wishes; they hold alongside the program's limits." })
export class SetAdvocatePreferencesInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ADVOCATE_ID)
  advocateId!: string;

  @IntField('At most this many engagements in `windowDays`.', { min: 0, max: 1000, nullable: true })
  maxEngagementsPerWindow?: number;

  @IntField('The window of `maxEngagementsPerWindow`, in days.', { min: 1, max: 3650, nullable: true })
  windowDays?: number;

  @IntField('At least this many days between engagements.', { min: 0, max: 3650, nullable: true })
  minRestDays?: number;

  @EnumListField(ActivityKind, 'Activities the advocate prefers.', { nullable: true })
  preferredActivities?: ActivityKindValue[];

  @NestedListField(() => BlackoutPeriodInput, 'Periods not to ask in.', { nullable: true })
  blackouts?: BlackoutPeriodInput[];
}

@InputType({ description: 'Rest an advocate until a date.' })
export class RestAdvocateInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ADVOCATE_ID)
  advocateId!: string;

  @DateTimeField('Resting until.')
  until!: string;

  @TextField('Why.', { long: true })
  reason!: string;
}

@InputType({ description: 'A command on an advocate that needs a reason (retire, do not contact, erasure).' })
export class AdvocateReasonInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ADVOCATE_ID)
  advocateId!: string;

  @TextField('Why.', { long: true })
  reason!: string;
}

@InputType({ description: 'Ask someone to confirm or correct an advocate profile by a date.' })
export class RequestProfileVerificationInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ADVOCATE_ID)
  advocateId!: string;

  @IdField('Id of the new verification request.')
  verificationId!: string;

  @IdField('User id of whoever is asked (usually the account owner).')
  askedOf!: string;

  @DateTimeField('Answer due by.')
  dueBy!: string;
}

@InputType({ description: 'Confirm an advocate profile is current.' })
export class VerifyProfileInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ADVOCATE_ID)
  advocateId!: string;

  @IdField('The verification request answered, if any.', { nullable: true })
  verificationId?: string;

  @TextField('Note.', { long: true, nullable: true })
  note?: string;
}

@InputType({ description: 'Record that a verification request went unanswered.' })
export class LapseProfileVerificationInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(ADVOCATE_ID)
  advocateId!: string;

  @IdField('The verification request.')
  verificationId!: string;
}

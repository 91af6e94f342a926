import type {
  ActivityKind as ActivityKindValue,
  Channel as ChannelValue,
  Department as DepartmentValue,
  EngagementReleaseReason as ReleaseReasonValue,
  OpportunityStage as StageValue,
  OutcomeResult as OutcomeValue,
  RequestPriority as PriorityValue,
  Seniority as SeniorityValue,
} from '@vouch/domain';
import { InputType } from 'type-graphql';
import {
  ActivityKind,
  Channel,
  Department,
  EngagementReleaseReason,
  OpportunityStage,
  OutcomeResult,
  RequestPriority,
  Seniority,
} from '../enums/domain-enums';
import {
  BooleanField,
  DateTimeField,
  EnumField,
  FloatField,
  IdField,
  IntField,
  NestedField,
  NestedListField,
  TextField,
  TextListField,
} from '../common/fields';
import { MoneyInput } from '../common/money-input';

const COMMAND_ID = 'Client-chosen id of this command; repeating it changes nothing.';
const REQUEST_ID = 'The reference request.';
const ADVOCATE_ID = 'The candidate advocate.';

@InputType({ description: 'The deal (or campaign) a reference is for.' })
export class OpportunityInput {
  @IdField('Id of the opportunity in the CRM.')
  opportunityId!: string;

  @EnumField(OpportunityStage, 'Sales stage.')
  stage!: StageValue;

  @NestedField(() => MoneyInput, 'Deal amount.')
  amount!: MoneyInput;

  @TextField('Industry of the prospect.')
  industry!: string;

  @TextField('Region of the prospect.')
  region!: string;

  @TextListField('Products in the deal.')
  products!: string[];

  @TextField('The competitor, if any.', { nullable: true })
  competitor?: string;
}

@InputType({ description: 'What the requester looks for in an advocate; omitted lists mean "any".' })
export class RequestCriteriaInput {
  @TextListField('Industries.', { nullable: true })
  industries?: string[];

  @TextListField('Regions.', { nullable: true })
  regions?: string[];

  @TextListField('Products.', { nullable: true })
  products?: string[];

  @TextListField('Use cases.', { nullable: true })
  useCases?: string[];

  @TextListField('Languages.', { nullable: true })
  languages?: string[];

  @EnumField(Seniority, 'Minimum title level.', { nullable: true })
  minSeniority?: SeniorityValue;

  @TextField('Where the reference will be used; the consent must cover it.')
  territory!: string;

  @EnumField(Channel, 'How it will be used; the consent must cover it.')
  channel!: ChannelValue;
}

@InputType({ description: 'Ask for advocates for an activity, for an opportunity.' })
export class SubmitReferenceRequestInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField('Id of the new request.')
  requestId!: string;

  @EnumField(Department, 'Which part of the business asks.')
  department!: DepartmentValue;

  @EnumField(ActivityKind, 'The activity asked for.')
  kind!: ActivityKindValue;

  @IntField('How many advocates are needed.', { min: 1, max: 20 })
  advocatesNeeded!: number;

  @NestedField(() => OpportunityInput, 'The opportunity.')
  opportunity!: OpportunityInput;

  @NestedField(() => RequestCriteriaInput, 'What to look for.')
  criteria!: RequestCriteriaInput;

  @DateTimeField('Needed by.')
  dueBy!: string;

  @TextField('Notes for the program.', { long: true, nullable: true })
  notes?: string;
}

@InputType({ description: 'Triage a request: set its priority.' })
export class TriageRequestInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(REQUEST_ID)
  requestId!: string;

  @EnumField(RequestPriority, 'Priority.')
  priority!: PriorityValue;

  @TextField('Note.', { long: true, nullable: true })
  note?: string;
}

@InputType({ description: "One criterion's share of a match score, in words an account owner can check." })
export class ScoreComponentInput {
  @TextField('The criterion.')
  criterion!: string;

  @FloatField('Its weight.', { min: 0, max: 1000 })
  weight!: number;

  @FloatField('The score on it, 0..1.', { min: 0, max: 1 })
  score!: number;

  @TextField('Why.', { long: true })
  explanation!: string;
}

@InputType({ description: 'A shortlisted candidate with the explanation of its score.' })
export class CandidateInput {
  @IdField('The advocate.')
  advocateId!: string;

  @IdField("The advocate's account.")
  accountId!: string;

  @IdField("User id of the account's owner, who approves the ask.")
  ownerId!: string;

  @FloatField('Match score.', { min: 0, max: 1000 })
  score!: number;

  @NestedListField(() => ScoreComponentInput, 'Score breakdown.')
  breakdown!: ScoreComponentInput[];
}

@InputType({ description: 'Shortlist candidates for a request.' })
export class ShortlistCandidatesInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(REQUEST_ID)
  requestId!: string;

  @NestedListField(() => CandidateInput, 'The candidates, best first.')
  candidates!: CandidateInput[];
}

@InputType({ description: 'Names one candidate advocate of a request.' })
export class CandidateCommandInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(REQUEST_ID)
  requestId!: string;

  @IdField(ADVOCATE_ID)
  advocateId!: string;
}

@InputType({ description: "The account owner approves asking their customer's advocate." })
export class ApproveAskInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(REQUEST_ID)
  requestId!: string;

  @IdField(ADVOCATE_ID)
  advocateId!: string;

  @TextField('Note.', { long: true, nullable: true })
  note?: string;
}

@InputType({
  description: 'A decision on a candidate that needs a reason (owner declines, program manager overrides).',
})
export class CandidateReasonInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(REQUEST_ID)
  requestId!: string;

  @IdField(ADVOCATE_ID)
  advocateId!: string;

  @TextField('Why.', { long: true })
  reason!: string;
}

@InputType({ description: "Record the advocate's answer to the ask." })
export class RecordAdvocateResponseInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(REQUEST_ID)
  requestId!: string;

  @IdField(ADVOCATE_ID)
  advocateId!: string;

  @BooleanField('Whether the advocate accepted.')
  accepted!: boolean;

  @TextField('Their reason, if they gave one.', { long: true, nullable: true })
  reason?: string;
}

@InputType({ description: 'Schedule the activity with an advocate who accepted.' })
export class ScheduleActivityInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(REQUEST_ID)
  requestId!: string;

  @IdField(ADVOCATE_ID)
  advocateId!: string;

  @DateTimeField('When it takes place.')
  at!: string;
}

@InputType({ description: 'Record that the activity took place.' })
export class CompleteActivityInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(REQUEST_ID)
  requestId!: string;

  @IdField(ADVOCATE_ID)
  advocateId!: string;

  @DateTimeField('When; now when omitted.', { nullable: true })
  completedAt?: string;
}

@InputType({ description: "The requester's feedback on an advocate's activity." })
export class RecordRequestFeedbackInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(REQUEST_ID)
  requestId!: string;

  @IdField(ADVOCATE_ID)
  advocateId!: string;

  @IntField('Rating, 1–5.', { min: 1, max: 5 })
  rating!: number;

  @TextField('Comment.', { long: true, nullable: true })
  comment?: string;
}

@InputType({ description: 'How the deal ended: the business value of the reference.' })
export class RecordOutcomeInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(REQUEST_ID)
  requestId!: string;

  @EnumField(OutcomeResult, 'Won, lost or no decision.')
  result!: OutcomeValue;

  @NestedField(() => MoneyInput, 'The amount won.', { nullable: true })
  amount?: MoneyInput;

  @TextField('Note.', { long: true, nullable: true })
  note?: string;
}

@InputType({ description: 'Release a candidate from a request.' })
export class ReleaseCandidateInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(REQUEST_ID)
  requestId!: string;

  @IdField(ADVOCATE_ID)
  advocateId!: string;

  @EnumField(EngagementReleaseReason, 'Why.')
  reason!: ReleaseReasonValue;
}

@InputType({ description: 'Cancel a request.' })
export class CancelRequestInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(REQUEST_ID)
  requestId!: string;

  @TextField('Why.', { long: true })
  reason!: string;
}

@InputType({ description: 'Names one request for a command that needs nothing else.' })
export class RequestCommandInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField(REQUEST_ID)
  requestId!: string;
}

import type {
  ActivityKind as ActivityKindValue,
  CandidateStatus as CandidateStatusValue,
  Channel as ChannelValue,
  Department as DepartmentValue,
  OpportunityStage as StageValue,
  OutcomeResult as OutcomeValue,
  RequestPriority as PriorityValue,
  RequestStatus as RequestStatusValue,
  Seniority as SeniorityValue,
  SlaState as SlaStateValue,
} from '@vouch/domain';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ScoreComponent } from '../advocate/advocate-types';
import { connectionOf } from '../common/connection';
import type { RequestResult } from '../common/facade-types';
import {
  ActivityKind,
  Channel,
  Department,
  OpportunityStage,
  OutcomeResult,
  OwnerClearanceKind,
  RequestPriority,
  Seniority,
} from '../enums/domain-enums';
import { CandidateStatus, RequestStatus, SlaState } from '../enums/read-model-enums';
import { CallSchedule } from './call-schedule-types';
import { DateTimeScalar } from '../scalars/date-time';
import { Node } from '../node/node-interface';

@ObjectType({
  description: "An amount in a currency's major unit, as recorded: Vouch never converts currencies.",
})
export class Money {
  @Field(() => Float, { description: 'The amount.' })
  amount!: number;

  @Field(() => String, { description: 'ISO 4217 currency code.' })
  currency!: string;
}

@ObjectType({ description: 'The deal (or campaign) a reference is for.' })
export class Opportunity {
  @Field(() => ID, { description: 'Id of the opportunity in the CRM.' })
  opportunityId!: string;

  @Field(() => OpportunityStage, { description: 'Sales stage.' })
  stage!: StageValue;

  @Field(() => Money, { description: 'Deal amount.' })
  amount!: Money;

  @Field(() => String, { description: 'Industry of the prospect.' })
  industry!: string;

  @Field(() => String, { description: 'Region of the prospect.' })
  region!: string;

  @Field(() => [String], { description: 'Products in the deal.' })
  products!: readonly string[];

  @Field(() => String, { nullable: true, description: 'The competitor, if any.' })
  competitor?: string;
}

@ObjectType({ description: 'What the requester looks for in an advocate; empty lists mean "any".' })
export class RequestCriteria {
  @Field(() => [String], { description: 'Industries.' })
  industries!: readonly string[];

  @Field(() => [String], { description: 'Regions.' })
  regions!: readonly string[];

  @Field(() => [String], { description: 'Products.' })
  products!: readonly string[];

  @Field(() => [String], { description: 'Use cases.' })
  useCases!: readonly string[];

  @Field(() => [String], { description: 'Languages.' })
  languages!: readonly string[];

  @Field(() => Seniority, { nullable: true, description: 'At least this title level.' })
  minSeniority?: SeniorityValue;

  @Field(() => String, { description: 'Where the reference will be used: the consent must cover it.' })
  territory!: string;

  @Field(() => Channel, { description: 'How the reference will be used: the consent must cover it.' })
  channel!: ChannelValue;
}

@ObjectType({ description: 'One shortlisted advocate and their way through the request.' })
export class RequestCandidate {
  @Field(() => ID, { description: 'The advocate (resolve `advocate` for the view the caller may see).' })
  advocateId!: string;

  @Field(() => ID, { description: "The advocate's account." })
  accountId!: string;

  @Field(() => ID, { description: 'The account owner, who approves the ask.' })
  ownerId!: string;

  @Field(() => Float, { description: 'The match score when shortlisted, 0..100.' })
  score!: number;

  @Field(() => [ScoreComponent], { description: 'The score criterion by criterion.' })
  breakdown!: readonly ScoreComponent[];

  @Field(() => CandidateStatus, { description: "The candidate's status in this request." })
  status!: CandidateStatusValue;

  @Field(() => OwnerClearanceKind, {
    nullable: true,
    description:
      'How the ask was cleared: by the owner, a program manager’s override, or the self-serve pool.',
  })
  clearance?: 'OWNER' | 'OVERRIDE' | 'SELF_SERVE';

  @Field(() => ID, { nullable: true, description: 'Who cleared the ask.' })
  clearedBy?: string;

  @Field(() => String, {
    nullable: true,
    description: "The program manager's reason, when the owner was overridden.",
  })
  clearanceReason?: string;

  @Field(() => ID, { nullable: true, description: 'The engagement reserved for the activity, once asked.' })
  engagementId?: string;

  @Field(() => Int, { nullable: true, description: "The requester's rating of the activity, 1..5." })
  rating?: number;

  @Field(() => CallSchedule, {
    nullable: true,
    description: 'The call: slots offered, the pick, attendance.',
  })
  schedule?: CallSchedule;
}

@ObjectType({ description: "A request's service level at the time of the query." })
export class RequestSla {
  @Field(() => DateTimeScalar, { description: 'Triage is due by then.' })
  triageDueAt!: string;

  @Field(() => DateTimeScalar, {
    description: "Fulfilment is due by then (the policy's days or the due date, whichever is earlier).",
  })
  fulfilDueAt!: string;

  @Field(() => SlaState, { description: 'On track, at risk, breached or met.' })
  state!: SlaStateValue;
}

@ObjectType({
  implements: Node,
  description:
    'A reference request: the ask, its candidates, its SLA now, and the timings and counts the metrics use. Requesters see only their own.',
})
export class ReferenceRequest {
  @Field(() => ID, { description: 'The request id.' })
  requestId!: string;

  @Field(() => RequestStatus, { description: 'Where the request stands.' })
  status!: RequestStatusValue;

  @Field(() => ID, { nullable: true, description: 'Who asked.' })
  requestedBy?: string;

  @Field(() => Department, { nullable: true, description: 'Which part of the business asked.' })
  department?: DepartmentValue;

  @Field(() => ActivityKind, { nullable: true, description: 'What the advocates are asked to do.' })
  kind?: ActivityKindValue;

  @Field(() => Int, { description: 'How many advocates are needed.' })
  advocatesNeeded!: number;

  @Field(() => Opportunity, { nullable: true, description: 'The deal the reference is for.' })
  opportunity?: Opportunity;

  @Field(() => RequestCriteria, { nullable: true, description: 'What the requester looks for.' })
  criteria?: RequestCriteria;

  @Field(() => DateTimeScalar, { nullable: true, description: "The requester's due date." })
  dueBy?: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was submitted.' })
  submittedAt?: string;

  @Field(() => RequestPriority, { nullable: true, description: 'Priority, once triaged.' })
  priority?: PriorityValue;

  @Field(() => [RequestCandidate], { description: 'The shortlisted advocates and how far each got.' })
  candidates!: RequestCandidate[];

  @Field(() => OutcomeResult, { nullable: true, description: 'How the deal ended, once recorded.' })
  outcome?: OutcomeValue;

  @Field(() => Money, { nullable: true, description: 'The won amount, once recorded.' })
  outcomeAmount?: Money;

  @Field(() => RequestSla, { description: 'The SLA at the time of the query.' })
  sla!: RequestSla;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was triaged.' })
  triagedAt?: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When enough advocates had first committed.' })
  fulfilledAt?: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it closed, was cancelled or lapsed.' })
  closedAt?: string;

  @Field(() => Int, { description: 'Advocates asked over the request’s life.' })
  asked!: number;

  @Field(() => Int, { description: 'Of those, how many accepted.' })
  accepted!: number;

  @Field(() => Int, { description: 'Activities completed.' })
  completedActivities!: number;
}

/** The read model's request summary as one GraphQL object. */
export function referenceRequestOf(summary: RequestResult): ReferenceRequest {
  const { request, ...record } = summary;
  return {
    ...record,
    ...request,
    candidates: Object.values(request.candidates),
  };
}

export const ReferenceRequestConnection = connectionOf(
  'ReferenceRequest',
  ReferenceRequest,
  'reference request',
);

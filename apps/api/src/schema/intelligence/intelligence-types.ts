import type {
  ActivityKind as ActivityKindValue,
  MaturityElement as MaturityElementValue,
} from '@vouch/domain';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionOf } from '../common/connection';
import { ActivityKind } from '../enums/domain-enums';
import { Rate } from '../metrics/program-metrics-types';
import { Money } from '../request/request-types';
import { DateTimeScalar } from '../scalars/date-time';
import { DemandRatesSource, MaturityElement, MaturityGrade, RecruitSourceKind } from './intelligence-enums';

@ObjectType({ description: 'One element of the maturity model, scored from the program’s own events.' })
export class ElementAssessment {
  @Field(() => MaturityElement, { description: 'The element.' })
  element!: MaturityElementValue;

  @Field(() => String, { description: 'Its name as the seeds write it.' })
  title!: string;

  @Field(() => Float, { nullable: true, description: '0..1; null when the record cannot measure it.' })
  score?: number;

  @Field(() => MaturityGrade, { description: 'The grade of the score.' })
  grade!: string;

  @Field(() => [String], { description: 'The numbers the score was computed from, in words.' })
  evidence!: readonly string[];

  @Field(() => [String], {
    description: 'The seeds’ pitfall, when the evidence shows it (WEAK) or it is near (FAIR).',
  })
  findings!: readonly string[];
}

@ObjectType({
  description:
    'The program’s health over the eleven elements of the seeds’ maturity model, as of an instant of the world: only facts effective by then count.',
})
export class ProgramAssessment {
  @Field(() => DateTimeScalar, { description: 'The instant assessed.' })
  at!: string;

  @Field(() => Float, { nullable: true, description: 'The mean of the measured elements’ scores.' })
  score?: number;

  @Field(() => MaturityGrade, { description: 'The grade of that mean.' })
  grade!: string;

  @Field(() => [ElementAssessment], { description: 'The eleven elements, in the seeds’ order.' })
  elements!: readonly ElementAssessment[];
}

@InputType({ description: 'One target segment × region of a launch.' })
export class LaunchCellInput {
  @Field(() => String, { description: 'Customer segment (e.g. ENTERPRISE).' })
  segment!: string;

  @Field(() => String, { description: 'Region.' })
  region!: string;

  @Field(() => Int, { description: 'Opportunities the launch is expected to raise here.' })
  expectedOpportunities!: number;
}

@InputType({ description: 'A product launch to plan references for.' })
export class LaunchInput {
  @Field(() => String, { description: 'The launch’s name.' })
  name!: string;

  @Field(() => [String], { description: 'The products launched.' })
  products!: string[];

  @Field(() => DateTimeScalar, { description: 'The launch date.' })
  launchDate!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Days the launch’s opportunities run after the date; default 90.',
  })
  horizonDays?: number;

  @Field(() => [LaunchCellInput], { description: 'Target segments × regions (1..50).' })
  cells!: LaunchCellInput[];
}

@ObjectType({ description: 'What the demand history says about requests of one kind.' })
export class DemandRates {
  @Field(() => Float, { description: 'Requests of the kind per opportunity that asked for references.' })
  requestsPerOpportunity!: number;

  @Field(() => Float, { description: 'Advocates needed per request, on average.' })
  advocatesPerRequest!: number;

  @Field(() => Float, { description: 'Advocates who accepted / advocates asked (1 when nobody was asked).' })
  acceptanceRate!: number;

  @Field(() => Float, { description: 'Requests fulfilled / requests closed (1 when none closed).' })
  fulfilmentRate!: number;
}

@ObjectType({ description: 'Where new advocates for a gap can come from.' })
export class RecruitSource {
  @Field(() => RecruitSourceKind, { description: 'The kind of source.' })
  source!: string;

  @Field(() => String, { description: 'The nomination or account id, or the wished-for company’s name.' })
  ref!: string;

  @Field(() => ID, { nullable: true, description: 'The account, when it is a customer in Vouch.' })
  accountId?: string;

  @Field(() => String, { description: 'Why it is a good source.' })
  why!: string;
}

@ObjectType({ description: 'One segment × region × activity kind of a launch plan.' })
export class LaunchPlanLine {
  @Field(() => String, { description: 'Segment.' })
  segment!: string;

  @Field(() => String, { description: 'Region.' })
  region!: string;

  @Field(() => ActivityKind, { description: 'The activity kind.' })
  kind!: ActivityKindValue;

  @Field(() => Int, { description: 'Opportunities expected in the cell.' })
  expectedOpportunities!: number;

  @Field(() => DemandRates, { description: 'The demand history’s rates.' })
  rates!: DemandRates;

  @Field(() => DemandRatesSource, { description: 'Which history the rates come from.' })
  ratesFrom!: string;

  @Field(() => Int, { description: 'References (advocate uses) the launch needs.' })
  referencesNeeded!: number;

  @Field(() => Int, {
    description: 'Advocates who can be asked on the launch date (live, consent in force, in the cell).',
  })
  advocatesAvailable!: number;

  @Field(() => Int, {
    description: 'Uses those advocates can give over the horizon within the fatigue limits.',
  })
  usesAvailable!: number;

  @Field(() => Int, { description: 'References still missing (0 when covered).' })
  gap!: number;

  @Field(() => Int, { description: 'Advocates to recruit to close the gap.' })
  advocatesToRecruit!: number;

  @Field(() => [RecruitSource], { description: 'Where to recruit from (empty without a gap).' })
  recruitFrom!: readonly RecruitSource[];

  @Field(() => String, { description: 'How the numbers were reached, in words.' })
  explanation!: string;
}

@ObjectType({ description: 'References a launch needs against the advocates available then, with the gaps.' })
export class LaunchCoveragePlan {
  @Field(() => String, { description: 'The launch’s name.' })
  name!: string;

  @Field(() => DateTimeScalar, { description: 'The launch date.' })
  launchDate!: string;

  @Field(() => DateTimeScalar, { description: 'What the plan knew: facts up to this instant.' })
  asOf!: string;

  @Field(() => [LaunchPlanLine], { description: 'One line per segment × region × activity kind in demand.' })
  lines!: readonly LaunchPlanLine[];

  @Field(() => Int, { description: 'References needed over all lines.' })
  totalNeeded!: number;

  @Field(() => Int, { description: 'References missing over all lines.' })
  totalGap!: number;
}

@ObjectType({ description: 'One content asset’s use.' })
export class ContentAssetUsage {
  @Field(() => ID, { description: 'The asset.' })
  contentId!: string;

  @Field(() => String, { description: 'Its kind (CASE_STUDY, QUOTE, VIDEO, LOGO).' })
  kind!: string;

  @Field(() => ID, { description: 'The account it is about.' })
  accountId!: string;

  @Field(() => String, {
    description: 'Its state at the instant (DRAFT, APPROVED, PUBLISHED, SUSPENDED, RETIRED).',
  })
  state!: string;

  @Field(() => Int, { description: 'Completed activities it served.' })
  uses!: number;

  @Field(() => Int, { description: 'Distinct requests it served.' })
  requestsServed!: number;

  @Field(() => Int, { description: 'Deals those requests won.' })
  dealsWon!: number;

  @Field(() => Int, { description: 'Deals those requests lost.' })
  dealsLost!: number;

  @Field(() => [Money], { description: 'Won amounts, one per currency.' })
  wonAmounts!: Money[];

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was last used; null if never.' })
  lastUsedAt?: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'The earliest end of a consent it relies on.' })
  consentExpiresAt?: string;

  @Field(() => Boolean, { description: 'Published and not used in the last `unusedDays`.' })
  unused!: boolean;
}

@ObjectType({
  description: 'A kind of content requests asked for in an industry of which no published asset existed.',
})
export class MissingContent {
  @Field(() => String, { description: 'The content kind.' })
  kind!: string;

  @Field(() => String, { description: 'The industry of the requests’ opportunities.' })
  industry!: string;

  @Field(() => Int, { description: 'How many requests asked for it.' })
  requests!: number;
}

export const ContentAssetUsageConnection = connectionOf(
  'ContentAssetUsage',
  ContentAssetUsage,
  'content asset’s usage',
  'content assets’ usage',
);

@ObjectType({
  description:
    'Content usage as of an instant. An asset serves a request of its kind when one of its advocates (or of its account) completes the activity while it is published.',
})
export class ContentUsageReport {
  @Field(() => DateTimeScalar, { description: 'The instant.' })
  at!: string;

  @Field(() => Int, { description: 'Days without use after which a published asset is flagged.' })
  unusedDays!: number;

  @Field(() => Int, { description: 'Assets published at the instant.' })
  published!: number;

  @Field(() => Int, { description: 'Of those, flagged unused.' })
  unusedPublished!: number;

  @Field(() => [MissingContent], { description: 'Requested content that did not exist, most asked first.' })
  missing!: readonly MissingContent[];

  // Paged by the query's field resolver.
  assets!: readonly ContentAssetUsage[];
}

@ObjectType({ description: 'A nominator’s standing: what their nominations became, not how many they made.' })
export class NominatorStanding {
  @Field(() => ID, { description: 'The nominator (user id).' })
  nominatorId!: string;

  @Field(() => Int, { description: 'Nominations submitted.' })
  nominations!: number;

  @Field(() => Int, { description: 'Of those, approved.' })
  approved!: number;

  @Field(() => Int, { description: 'Advocates enrolled from them.' })
  advocatesEnrolled!: number;

  @Field(() => Int, { description: 'Of those, advocates used at least once: what the board ranks by.' })
  advocatesUsed!: number;

  @Field(() => Int, { description: 'Completed uses of their advocates.' })
  uses!: number;

  @Field(() => Int, { description: 'Deals won with one of their advocates.' })
  dealsWon!: number;

  @Field(() => Float, { description: 'Advocates used / nominations.' })
  conversion!: number;
}

export const NominatorStandingConnection = connectionOf(
  'NominatorStanding',
  NominatorStanding,
  'nominator’s standing',
  'nominators’ standings',
);

@ObjectType({ description: 'An advocate who carried the period.' })
export class TopAdvocate {
  @Field(() => ID, { description: 'The advocate.' })
  advocateId!: string;

  @Field(() => String, { nullable: true, description: 'Their company.' })
  company?: string;

  @Field(() => Int, { description: 'Completed uses in the period.' })
  uses!: number;
}

@ObjectType({ description: 'Uses in one 30-day slice of the period.' })
export class UsesSlice {
  @Field(() => DateTimeScalar, { description: 'Where the slice starts.' })
  from!: string;

  @Field(() => Int, { description: 'Completed uses in it.' })
  uses!: number;
}

@ObjectType({ description: 'Coverage of the growth plan’s targets.' })
export class TargetCoverage {
  @Field(() => Int, { description: 'Targets set.' })
  targets!: number;

  @Field(() => Int, { description: 'Of those, met.' })
  met!: number;
}

@ObjectType({ description: 'Hours from submission to enough acceptances.' })
export class DigestTimeToFulfil {
  @Field(() => Int, { description: 'Requests fulfilled in the period.' })
  count!: number;

  @Field(() => Float, { nullable: true, description: 'Median hours; null when none.' })
  median?: number;
}

@ObjectType({ description: 'The program’s summary of a period for an executive sponsor.' })
export class ExecutiveDigest {
  @Field(() => DateTimeScalar, { description: 'The period starts after this instant...' })
  from!: string;

  @Field(() => DateTimeScalar, { description: '...and ends at this one.' })
  to!: string;

  @Field(() => [Money], {
    description: 'Opportunity amounts of requests with a reference completed in the period.',
  })
  influencedPipeline!: Money[];

  @Field(() => [Money], { description: 'Won amounts of referenced deals closed in the period.' })
  influencedRevenue!: Money[];

  @Field(() => Rate, { description: 'Win rate of deals closed in the period with a completed reference.' })
  winRateWithReferences!: Rate;

  @Field(() => Rate, { description: 'Win rate of deals closed in the period without one.' })
  winRateWithoutReferences!: Rate;

  @Field(() => DigestTimeToFulfil, { description: 'Time to fulfil requests fulfilled in the period.' })
  timeToFulfilHours!: DigestTimeToFulfil;

  @Field(() => TargetCoverage, { description: 'Growth-plan targets met at the end of the period.' })
  coverage!: TargetCoverage;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of the period’s uses carried by the top 10 % of advocates.',
  })
  topDecileShare?: number;

  @Field(() => Int, { description: 'Consents of live advocates ending in the 90 days after the period.' })
  consentsExpiringAhead!: number;

  @Field(() => [TopAdvocate], { description: 'The five most-used advocates of the period.' })
  topAdvocates!: readonly TopAdvocate[];

  @Field(() => [NominatorStanding], { description: 'The five nominators whose advocates were used most.' })
  topNominators!: readonly NominatorStanding[];

  @Field(() => ProgramAssessment, { description: 'The health assessment at the end of the period.' })
  assessment!: ProgramAssessment;

  @Field(() => [UsesSlice], { description: 'Completed uses per 30-day slice, oldest first.' })
  usesBySlice!: readonly UsesSlice[];
}

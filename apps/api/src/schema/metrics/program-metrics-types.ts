import type { RequestStatus as RequestStatusValue } from '@vouch/domain';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { ProgramMetricsResult } from '../common/facade-types';
import { ConsentHolderKind } from '../enums/domain-enums';
import { RequestStatus } from '../enums/read-model-enums';
import { Money } from '../request/request-types';
import { DateTimeScalar } from '../scalars/date-time';
import { connectionOf } from '../common/connection';

@ObjectType({ description: 'How many requests are in one status now.' })
export class FunnelStage {
  @Field(() => RequestStatus, { description: 'The status.' })
  status!: RequestStatusValue;

  @Field(() => Int, { description: 'Requests in it.' })
  requests!: number;
}

@ObjectType({ description: 'Hours from submission to fulfilment, over fulfilled requests.' })
export class TimeToFulfil {
  @Field(() => Int, { description: 'Fulfilled requests counted.' })
  count!: number;

  @Field(() => Float, { nullable: true, description: 'Median hours; null when none was fulfilled.' })
  median?: number;

  @Field(() => Float, { nullable: true, description: '90th percentile hours; null when none was fulfilled.' })
  p90?: number;
}

@ObjectType({ description: 'A ratio with what it was computed from.' })
export class Rate {
  @Field(() => Int, { description: 'What was counted.' })
  numerator!: number;

  @Field(() => Int, { description: 'Out of this many.' })
  denominator!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'numerator / denominator; null when nothing was counted.',
  })
  rate?: number;
}

@ObjectType({ description: 'Whether a few advocates carry the program (burn-out risk).' })
export class UsageConcentration {
  @Field(() => Int, { description: 'Enrolled advocates counted (zero uses included).' })
  advocates!: number;

  @Field(() => Int, { description: 'Completed uses counted.' })
  completedUses!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of completed uses made by the most-used 10% of advocates, 0..1.',
  })
  topDecileShare?: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Gini coefficient: 0 = uses spread evenly, → 1 = a few carry all.',
  })
  gini?: number;
}

@ObjectType({
  description: 'Won / (won + lost) of closed requests, with and without a completed reference activity.',
})
export class WinRate {
  @Field(() => Rate, { description: 'Deals where a reference activity took place.' })
  withReferences!: Rate;

  @Field(() => Rate, { description: 'Deals without one.' })
  withoutReferences!: Rate;
}

@ObjectType({ description: "One nominator's nominations and what became of them." })
export class NominatorCounts {
  @Field(() => ID, { description: 'The nominator (user id).' })
  nominatedBy!: string;

  @Field(() => Int, { description: 'Nominations submitted.' })
  submitted!: number;

  @Field(() => Int, { description: 'Of those, approved.' })
  approved!: number;

  @Field(() => Int, { description: 'Rejected.' })
  rejected!: number;

  @Field(() => Int, { description: 'Withdrawn.' })
  withdrawn!: number;
}

@ObjectType({ description: 'Advocates (not retired or erased) whose profile needs verifying.' })
export class ProfileFreshnessMetrics {
  // Paged by `ProgramMetricsLists`: both grow with the advocates.
  stale!: readonly string[];
  due!: readonly string[];
}

@ObjectType({ description: 'A consent whose validity ends soon.' })
export class ExpiringConsent {
  @Field(() => ConsentHolderKind, { description: "An advocate's consent or the company's own." })
  holder!: 'ADVOCATE' | 'ACCOUNT';

  @Field(() => ID, { description: 'The advocate or account.' })
  holderId!: string;

  @Field(() => ID, { description: 'The consent.' })
  consentId!: string;

  @Field(() => Int, { description: 'Its version.' })
  version!: number;

  @Field(() => DateTimeScalar, { description: 'When it ends.' })
  validUntil!: string;
}

@ObjectType({
  description: 'One industry × region × product cell of the growth plan: target, supply and demand.',
})
export class CoverageCell {
  @Field(() => String, { description: 'Industry.' })
  industry!: string;

  @Field(() => String, { description: 'Region.' })
  region!: string;

  @Field(() => String, { description: 'Product.' })
  product!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Advocates the growth plan needs here, if a target is set.',
  })
  target?: number;

  @Field(() => Int, {
    description: 'Live advocates (ACTIVE or RESTING) whose account and products fall in the cell.',
  })
  supply!: number;

  @Field(() => Int, { description: 'Requests submitted in the last year for opportunities in the cell.' })
  demand!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Advocates still missing to reach the target (0 when met).',
  })
  gap?: number;
}

@ObjectType({
  description:
    "The program's metrics at an instant, computed from the read models. Amounts are per currency as recorded, never converted.",
})
export class ProgramMetrics {
  @Field(() => DateTimeScalar, { description: 'The instant the metrics are for.' })
  at!: string;

  @Field(() => [FunnelStage], { description: 'Requests per current status.' })
  funnel!: FunnelStage[];

  @Field(() => TimeToFulfil, { description: 'Time from submission to fulfilment, in hours.' })
  timeToFulfilHours!: TimeToFulfil;

  @Field(() => Int, { description: 'Requests whose SLA is breached at `at`, late fulfilled ones included.' })
  slaBreaches!: number;

  @Field(() => Rate, { description: 'Advocates who accepted / advocates asked.' })
  acceptanceRate!: Rate;

  @Field(() => UsageConcentration, { description: 'How evenly uses are spread over advocates.' })
  usageConcentration!: UsageConcentration;

  @Field(() => [Money], {
    description: 'Opportunity amounts of requests with at least one completed activity, one per currency.',
  })
  influencedPipeline!: Money[];

  @Field(() => [Money], { description: 'Won amounts of those requests, one per currency.' })
  influencedRevenue!: Money[];

  @Field(() => WinRate, { description: 'Win rate with vs without references.' })
  winRate!: WinRate;

  // Paged by `ProgramMetricsLists`, as the expiring consents and coverage below.
  nominationsByNominator!: NominatorCounts[];

  @Field(() => ProfileFreshnessMetrics, { description: 'Stale profiles and profiles due for verification.' })
  profiles!: ProfileFreshnessMetrics;

  consentsExpiringSoon!: readonly ExpiringConsent[];
  coverage!: readonly CoverageCell[];
}

export const NominatorCountsConnection = connectionOf(
  'NominatorCounts',
  NominatorCounts,
  "nominator's counts",
  "nominators' counts",
);
export const ExpiringConsentConnection = connectionOf('ExpiringConsent', ExpiringConsent, 'expiring consent');
export const CoverageCellConnection = connectionOf('CoverageCell', CoverageCell, 'coverage cell');
export const AdvocateIdConnection = connectionOf('AdvocateId', ID, 'advocate id');

const amounts = (byCurrency: Readonly<Record<string, number>>): Money[] =>
  Object.entries(byCurrency)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => ({ currency, amount }));

/** The read model's metrics with its records (keyed by status, currency, nominator) as lists. */
export function programMetricsOf(metrics: ProgramMetricsResult): ProgramMetrics {
  return {
    ...metrics,
    funnel: Object.entries(metrics.funnel).map(([status, requests]) => ({
      status: status as RequestStatusValue,
      requests,
    })),
    influencedPipeline: amounts(metrics.influencedPipeline),
    influencedRevenue: amounts(metrics.influencedRevenue),
    nominationsByNominator: Object.entries(metrics.nominationsByNominator).map(([nominatedBy, counts]) => ({
      nominatedBy,
      ...counts,
    })),
  };
}

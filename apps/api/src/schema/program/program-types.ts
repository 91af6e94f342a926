import { NO_SUPPRESSION, type ActivityKind as ActivityKindValue } from '@vouch/domain';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { ProgramResult } from '../common/facade-types';
import { connectionOf } from '../common/connection';
import { ActivityKind } from '../enums/domain-enums';
import { DateTimeScalar } from '../scalars/date-time';
import { Node } from '../node/node-interface';

@ObjectType({ description: 'A tighter fatigue limit for one activity kind, within the same window.' })
export class KindLimit {
  @Field(() => ActivityKind, { description: 'The activity kind.' })
  kind!: ActivityKindValue;

  @Field(() => Int, { description: 'At most this many engagements of the kind per window.' })
  max!: number;
}

@ObjectType({ description: 'How often an advocate may be used (invariant 2, program-wide).' })
export class FatiguePolicy {
  @Field(() => Int, { description: 'Length of the rolling window, in days.' })
  windowDays!: number;

  @Field(() => Int, { description: 'At most this many engagements (reserved ones included) in any window.' })
  maxPerWindow!: number;

  @Field(() => [KindLimit], { description: 'Tighter limits for some kinds.' })
  maxPerKindPerWindow!: KindLimit[];

  @Field(() => Int, { description: 'At least this many days between two engagements.' })
  minRestDays!: number;
}

@ObjectType({ description: 'How fast requests are to be handled.' })
export class RequestSlaPolicy {
  @Field(() => Int, { description: 'Triage within this many hours of submission.' })
  triageWithinHours!: number;

  @Field(() => Int, { description: 'Fulfil within this many days (or by the due date, if earlier).' })
  fulfilWithinDays!: number;
}

@ObjectType({ description: 'Caps on what the program gives back (invariant 6).' })
export class RewardPolicy {
  @Field(() => String, { description: 'Currency of the caps.' })
  currency!: string;

  @Field(() => Float, { description: 'A single reward above this needs a program manager’s approval.' })
  perRewardCap!: number;

  @Field(() => Float, { description: 'The most one advocate may receive in a calendar year.' })
  yearlyCapPerAdvocate!: number;
}

@ObjectType({ description: 'How fresh profiles must be kept.' })
export class FreshnessPolicy {
  @Field(() => Int, { description: 'A profile is due for verification this many days after the last.' })
  verifyEveryDays!: number;

  @Field(() => Int, { description: '…and stale this many days after.' })
  staleAfterDays!: number;
}

@ObjectType({ description: 'Ask happy customers first.' })
export class NominationPolicy {
  @Field(() => Float, { description: 'Nominations from accounts below this health need an override.' })
  minAccountHealth!: number;
}

@ObjectType({ description: 'How long personal data is kept once an advocate retires.' })
export class RetentionPolicy {
  @Field(() => Int, { description: 'Days a retired advocate’s personal data is kept.' })
  retainRetiredAdvocateDays!: number;
}

@ObjectType({ description: 'Automatic suppression of accounts: a rule left null is off.' })
export class SuppressionPolicy {
  @Field(() => Int, {
    nullable: true,
    description: 'Suppress from this many days before the renewal until it has passed.',
  })
  renewalWithinDays?: number;

  @Field(() => Int, { nullable: true, description: 'Suppress while the account health is below this.' })
  healthBelow?: number;

  @Field(() => Boolean, { description: 'Suppress while the account has an open escalation.' })
  openEscalation!: boolean;
}

@ObjectType({ description: "The program's policies (defaults until set)." })
export class ProgramPolicies {
  @Field(() => FatiguePolicy, { description: 'Fatigue limits.' })
  fatigue!: FatiguePolicy;

  @Field(() => RequestSlaPolicy, { description: 'Request SLAs.' })
  sla!: RequestSlaPolicy;

  @Field(() => RewardPolicy, { description: 'Reward caps.' })
  reward!: RewardPolicy;

  @Field(() => FreshnessPolicy, { description: 'Profile freshness.' })
  freshness!: FreshnessPolicy;

  @Field(() => NominationPolicy, { description: 'Nomination health threshold.' })
  nomination!: NominationPolicy;

  @Field(() => RetentionPolicy, { description: 'Retention of personal data.' })
  retention!: RetentionPolicy;

  @Field(() => SuppressionPolicy, {
    description: 'Automatic suppression rules (all off until the program sets them).',
  })
  suppression!: SuppressionPolicy;
}

@ObjectType({ description: 'How many advocates the growth plan needs for one industry × region × product.' })
export class CoverageTarget {
  @Field(() => String, { description: 'Industry.' })
  industry!: string;

  @Field(() => String, { description: 'Region.' })
  region!: string;

  @Field(() => String, { description: 'Product.' })
  product!: string;

  @Field(() => Int, { description: 'Advocates needed.' })
  advocatesNeeded!: number;
}

@ObjectType({
  description: 'An account sales wishes were a reference: its traits profile the candidates to recruit.',
})
export class WishlistEntry {
  @Field(() => ID, { description: 'The wish.' })
  wishId!: string;

  @Field(() => String, { description: 'The company wished for.' })
  accountName!: string;

  @Field(() => ID, { nullable: true, description: 'Set when the company is already a customer in Vouch.' })
  accountId?: string;

  @Field(() => String, { description: 'Industry.' })
  industry!: string;

  @Field(() => String, { description: 'Segment.' })
  segment!: string;

  @Field(() => String, { description: 'Region.' })
  region!: string;

  @Field(() => [String], { description: 'Products.' })
  products!: readonly string[];

  @Field(() => String, { description: 'Why sales wants it.' })
  reason!: string;

  @Field(() => ID, { description: 'Who wished it.' })
  wishedBy!: string;

  @Field(() => DateTimeScalar, { description: 'When.' })
  wishedAt!: string;
}

@ObjectType({
  implements: Node,
  description: "The tenant's reference program: policies, coverage targets and the sales wishlist.",
})
export class Program {
  @Field(() => ProgramPolicies, { description: 'The policies in force.' })
  policies!: ProgramPolicies;

  // Paged by `ProgramLists`: both grow with the program.
  coverageTargets!: CoverageTarget[];
  wishlist!: WishlistEntry[];
}

export const CoverageTargetConnection = connectionOf('CoverageTarget', CoverageTarget, 'coverage target');
export const WishlistEntryConnection = connectionOf(
  'WishlistEntry',
  WishlistEntry,
  'wishlist entry',
  'wishlist entries',
);

/** The program's state with its records (per kind, per cell, per wish) as lists. */
export function programOf(program: ProgramResult): Program {
  const { fatigue } = program.policies;
  return {
    policies: {
      ...program.policies,
      suppression: program.policies.suppression ?? NO_SUPPRESSION,
      fatigue: {
        ...fatigue,
        maxPerKindPerWindow: Object.entries(fatigue.maxPerKindPerWindow).map(([kind, max]) => ({
          kind: kind as ActivityKindValue,
          max: max ?? 0,
        })),
      },
    },
    coverageTargets: Object.values(program.coverageTargets),
    wishlist: Object.values(program.wishlist),
  };
}

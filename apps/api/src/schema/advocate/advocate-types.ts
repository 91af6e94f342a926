import type {
  ActivityKind as ActivityKindValue,
  AdvocateStatus as AdvocateStatusValue,
  ConsentGap as ConsentGapValue,
  Freshness as FreshnessValue,
  Segment as SegmentValue,
  Seniority as SeniorityValue,
} from '@vouch/domain';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { connectionOf } from '../common/connection';
import type { AvailabilityResult } from '../common/facade-types';
import { ActivityKind, Segment, Seniority } from '../enums/domain-enums';
import {
  AdvocateStatus,
  AdvocateViewKind,
  AvailabilityReasonCode,
  ConsentGap,
  FatigueLimitSource,
  Freshness,
} from '../enums/read-model-enums';
import { DateTimeScalar } from '../scalars/date-time';
import { SuppressionRule } from '../enums/suppression-enums';
import { BusyHold, SuppressionMarker } from './busy-and-suppression-types';
import { Node } from '../node/node-interface';

@ObjectType({ description: 'Personal data of an advocate: encrypted in the store, destroyed on erasure.' })
export class AdvocateContact {
  @Field(() => String, { description: 'Full name.' })
  name!: string;

  @Field(() => String, { description: 'Email address.' })
  email!: string;

  @Field(() => String, { nullable: true, description: 'Phone number, if given.' })
  phone?: string;

  @Field(() => String, { description: 'Job title.' })
  title!: string;
}

/**
 * An advocate as the read model returns them for the caller: in full, or anonymised. The
 * application decides which; this type only carries it.
 */
@ObjectType({
  implements: Node,
  // Plain data: every field reads its own property, so graphql-js's default resolver serves it without
  // type-graphql's wrapper per field (a closure call and an object per field of every advocate shown).
  simpleResolvers: true,
  description:
    'A person at a customer account who speaks (or may speak) for us. `view` says what the caller may see: requesters get ANONYMISED (company, title level, attributes; every personal and account-internal field null) until the advocate accepted one of their requests; program managers, auditors, admins and the account owner get FULL.',
})
export class Advocate {
  @Field(() => AdvocateViewKind, { description: 'FULL or ANONYMISED: which of the fields below can be set.' })
  view!: 'FULL' | 'ANONYMISED';

  @Field(() => ID, { description: 'The advocate id.' })
  advocateId!: string;

  @Field(() => ID, { description: 'The account (customer organisation) the advocate works at.' })
  accountId!: string;

  @Field(() => String, { nullable: true, description: "The account's company name." })
  company?: string;

  @Field(() => String, { nullable: true, description: "The account's industry." })
  industry?: string;

  @Field(() => Segment, { nullable: true, description: "The account's segment." })
  segment?: SegmentValue;

  @Field(() => String, { nullable: true, description: "The account's region." })
  region?: string;

  @Field(() => AdvocateStatus, {
    description: 'Status now (RESTING turns ACTIVE once the resting date passed).',
  })
  status!: AdvocateStatusValue;

  @Field(() => Seniority, { nullable: true, description: 'Title level.' })
  seniority?: SeniorityValue;

  @Field(() => [String], { description: 'Products the advocate can speak to.' })
  products!: readonly string[];

  @Field(() => [String], { description: 'Use cases the advocate can speak to.' })
  useCases!: readonly string[];

  @Field(() => [String], { description: 'Languages the advocate speaks.' })
  languages!: readonly string[];

  @Field(() => [String], { description: 'Topics the advocate speaks on.' })
  topics!: readonly string[];

  @Field(() => Freshness, { description: 'How recently the profile was verified.' })
  freshness!: FreshnessValue;

  @Field(() => [BusyHold], {
    description:
      'Held by open requests (empty when free): the kind of hold and until when, never which request.',
  })
  busy!: BusyHold[];

  @Field(() => [SuppressionMarker], {
    description:
      "The account's automatic suppressions (empty when none): a new ask is refused while any holds.",
  })
  suppressions!: SuppressionMarker[];

  @Field(() => AdvocateContact, {
    nullable: true,
    description:
      'Name, email, phone and title. Null in the ANONYMISED view, and once the advocate is erased.',
  })
  contact?: AdvocateContact;

  @Field(() => ID, { nullable: true, description: "The account owner's user id (FULL view only)." })
  accountOwnerId?: string;

  @Field(() => Float, { nullable: true, description: "The account's latest health score (FULL view only)." })
  accountHealth?: number;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Resting until then (FULL view only).' })
  restingUntil?: string;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the advocate was enrolled (FULL view only).',
  })
  enrolledAt?: string;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the profile was last verified (FULL view only).',
  })
  lastVerifiedAt?: string;

  // Paged by `AdvocateAcceptedRequesters`: it grows with every request the advocate accepts.
  acceptedRequesters?: readonly string[];
}

export const UserIdConnection = connectionOf('UserId', ID, 'user id');

export const AdvocateConnection = connectionOf('Advocate', Advocate, 'advocate');

@ObjectType({ description: 'One reason an advocate cannot be asked, with a stable code and plain words.' })
export class AvailabilityReason {
  @Field(() => AvailabilityReasonCode, { description: 'Stable code of the reason.' })
  code!: string;

  @Field(() => String, {
    description: 'The reason in plain words, e.g. "resting until 2026-12-01T00:00:00.000Z".',
  })
  words!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'RESTING and FATIGUED: until when.' })
  until?: string;

  @Field(() => ConsentGap, { nullable: true, description: 'CONSENT: what is missing from the consents.' })
  gap?: ConsentGapValue;

  @Field(() => SuppressionRule, { nullable: true, description: 'SUPPRESSED: the rule that holds.' })
  rule?: string;
}

@ObjectType({ description: 'The uses one fatigue limit has counted in the rolling window around the date.' })
export class FatigueWindowUsage {
  @Field(() => Int, { description: 'Length of the rolling window, in days.' })
  windowDays!: number;

  @Field(() => Int, { description: 'At most this many engagements in the window.' })
  max!: number;

  @Field(() => ActivityKind, {
    nullable: true,
    description: 'The kind the limit is narrowed to; null for all kinds.',
  })
  kind?: ActivityKindValue;

  @Field(() => FatigueLimitSource, { description: "The program's limit or the advocate's own." })
  source!: 'PROGRAM' | 'ADVOCATE';

  @Field(() => Int, { description: 'Engagements counted in the window (reserved ones included).' })
  used!: number;

  @Field(() => Int, { description: 'Engagements left before the limit is reached.' })
  remaining!: number;
}

@ObjectType({
  description:
    'Whether an advocate can be asked for an activity kind at a date (in a territory and channel, if given), and if not every reason why — the consent, fatigue and status gates.',
})
export class Availability {
  @Field(() => ID, { description: 'The advocate.' })
  advocateId!: string;

  @Field(() => ActivityKind, { description: 'The activity kind asked about.' })
  kind!: ActivityKindValue;

  @Field(() => DateTimeScalar, { description: 'The date asked about.' })
  at!: string;

  @Field(() => Boolean, { description: 'True when every gate allows asking.' })
  available!: boolean;

  @Field(() => [AvailabilityReason], {
    description: 'Every reason the advocate cannot be asked (empty when available).',
  })
  reasons!: AvailabilityReason[];

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'The earliest date the advocate can be asked again, when only time stands in the way.',
  })
  nextAvailableAt?: string;

  @Field(() => Int, { description: 'Engagements left under the tightest fatigue limit at that date.' })
  headroom!: number;

  @Field(() => [FatigueWindowUsage], { description: 'Each fatigue limit with the uses it counted.' })
  usesInWindow!: FatigueWindowUsage[];

  @Field(() => ID, { nullable: true, description: 'The consent in force (or the one that came closest).' })
  consentId?: string;

  @Field(() => Int, { nullable: true, description: 'Its version.' })
  consentVersion?: number;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When that consent expires, if it does.' })
  consentExpiresAt?: string;
}

@ObjectType({ description: "One criterion's share of a match score, in words an account owner can check." })
export class ScoreComponent {
  @Field(() => String, { description: 'The criterion (industry, products, region, use cases, …).' })
  criterion!: string;

  @Field(() => Float, { description: 'Its weight, out of 100.' })
  weight!: number;

  @Field(() => Float, { description: 'How well the advocate meets it, 0..1.' })
  score!: number;

  @Field(() => String, { description: 'Why, in plain words.' })
  explanation!: string;
}

@ObjectType({ description: 'A match score: the weighted sum of the per-criterion components.' })
export class MatchScore {
  @Field(() => Float, { description: '0..100, the weighted sum of the components.' })
  total!: number;

  @Field(() => [ScoreComponent], { description: 'The score criterion by criterion.' })
  breakdown!: ScoreComponent[];
}

@ObjectType({
  description: 'An advocate who can be asked for the request, with the score and its explanation.',
})
export class RankedCandidate {
  @Field(() => ID, { description: 'The advocate.' })
  advocateId!: string;

  @Field(() => ID, { description: "The advocate's account." })
  accountId!: string;

  @Field(() => ID, { nullable: true, description: 'The account owner, who approves the ask.' })
  ownerId?: string;

  @Field(() => MatchScore, { description: 'The score and its per-criterion breakdown.' })
  score!: MatchScore;

  @Field(() => ID, { nullable: true, description: 'The consent that covers the request.' })
  consentId?: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When that consent expires, if it does.' })
  consentExpiresAt?: string;

  @Field(() => [BusyHold], {
    description: 'Held by other open requests (empty when free): the ask may go out, but may wait.',
  })
  busy!: BusyHold[];
}

@ObjectType({ description: 'An advocate who would match but cannot be asked at that date, and why.' })
export class UnavailableCandidate {
  @Field(() => ID, { description: 'The advocate.' })
  advocateId!: string;

  @Field(() => MatchScore, { description: 'The score they would have.' })
  score!: MatchScore;

  @Field(() => [AvailabilityReason], { description: 'Why they cannot be asked.' })
  reasons!: AvailabilityReason[];

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When they can be asked again, if time alone stands in the way.',
  })
  nextAvailableAt?: string;

  @Field(() => [BusyHold], { description: 'Held by other open requests (empty when free).' })
  busy!: BusyHold[];
}

@ObjectType({
  description:
    'Candidates for a request: those every gate allows, best first, and the best of those who would match but cannot be asked, with their reasons — so the program sees whom it is missing and until when.',
})
export class CandidateMatches {
  @Field(() => [RankedCandidate], { description: 'Askable advocates, best first (at most `first`).' })
  available!: RankedCandidate[];

  @Field(() => [UnavailableCandidate], {
    description: 'Matching advocates who cannot be asked, best first (at most `first`).',
  })
  unavailable!: UnavailableCandidate[];

  @Field(() => [ID], {
    description:
      "Advocates left out of both lists because they already are candidates of this request (shortlisted, asked or further along), in the order they became candidates: see the request's `candidates` for where each stands.",
  })
  alreadyCandidates!: string[];
}

/** The read model's availability with each fatigue limit flattened into one object with its counts. */
export function availabilityOf(availability: AvailabilityResult): Availability {
  return {
    ...availability,
    reasons: [...availability.reasons],
    usesInWindow: availability.usesInWindow.map(({ limit, used, remaining }) => ({
      ...limit,
      used,
      remaining,
    })),
  };
}

import type {
  ActivityKind as ActivityKindValue,
  Channel as ChannelValue,
  ConsentCollectionMethod as MethodValue,
  Segment as SegmentValue,
} from '@vouch/domain';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { AccountResult } from '../common/facade-types';
import { ActivityKind, Channel, ConsentCollectionMethod, Segment } from '../enums/domain-enums';
import { AccountStatus } from '../enums/read-model-enums';
import { DateTimeScalar } from '../scalars/date-time';
import { Node } from '../node/node-interface';
import { connectionOf } from '../common/connection';
import { activeSuppressions, describeSuppressionCause } from '@vouch/domain';
import { SuppressionMarker } from '../advocate/busy-and-suppression-types';

@ObjectType({
  description: 'How and on what terms a consent was collected: the evidence an auditor asks for.',
})
export class ConsentCollection {
  @Field(() => ConsentCollectionMethod, { description: 'How it was collected.' })
  method!: MethodValue;

  @Field(() => DateTimeScalar, { description: 'When.' })
  collectedAt!: string;

  @Field(() => ID, { description: 'Who collected it.' })
  collectedBy!: string;

  @Field(() => String, { nullable: true, description: 'SHA-256 of the signed document or recording, hex.' })
  evidenceHash?: string;

  @Field(() => String, { description: 'The version of the privacy notice shown.' })
  noticeVersion!: string;
}

@ObjectType({
  description: 'A usage grant: what an advocate or company has permitted, where, how and until when.',
})
export class Consent {
  @Field(() => ID, { description: 'The consent.' })
  consentId!: string;

  @Field(() => Int, { description: 'Its version; each renewal bumps it.' })
  version!: number;

  @Field(() => [ActivityKind], { description: 'The activity kinds permitted.' })
  kinds!: readonly ActivityKindValue[];

  @Field(() => [String], { description: 'Territories covered (`GLOBAL` covers all).' })
  territories!: readonly string[];

  @Field(() => [Channel], { description: 'Channels covered.' })
  channels!: readonly ChannelValue[];

  @Field(() => DateTimeScalar, { description: 'Valid from.' })
  validFrom!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Valid until, if it expires.' })
  validUntil?: string;

  @Field(() => Int, { nullable: true, description: 'At most this many uses, if limited.' })
  maxUses?: number;

  @Field(() => Boolean, { description: 'Whether each use needs the holder’s approval.' })
  perUseApprovalRequired!: boolean;

  @Field(() => ConsentCollection, { description: 'How it was collected.' })
  collection!: ConsentCollection;

  @Field(() => [ActivityKind], { description: 'Kinds withdrawn so far.' })
  withdrawnKinds!: readonly ActivityKindValue[];

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was last withdrawn from.' })
  withdrawnAt?: string;

  @Field(() => Int, { description: 'Uses recorded against it.' })
  uses!: number;
}

@ObjectType({ description: "An account's latest health reading." })
export class AccountHealth {
  @Field(() => Float, { description: 'Health score, 0..100.' })
  healthScore!: number;

  @Field(() => Float, { nullable: true, description: 'NPS, if measured.' })
  nps?: number;

  @Field(() => Float, { nullable: true, description: 'CSAT, if measured.' })
  csat?: number;

  @Field(() => DateTimeScalar, { description: 'When it was measured.' })
  measuredAt!: string;
}

@ObjectType({
  implements: Node,
  description: 'A customer organisation: profile, owner, health and the company’s own consents.',
})
export class Account {
  @Field(() => ID, { description: 'The account.' })
  accountId!: string;

  @Field(() => AccountStatus, { description: 'Active or archived.' })
  status!: 'ACTIVE' | 'ARCHIVED';

  @Field(() => String, { description: 'Company name.' })
  name!: string;

  @Field(() => String, { description: 'Industry.' })
  industry!: string;

  @Field(() => Segment, { description: 'Segment.' })
  segment!: SegmentValue;

  @Field(() => String, { description: 'Region.' })
  region!: string;

  @Field(() => [String], { description: 'Products the customer uses.' })
  products!: readonly string[];

  @Field(() => ID, { nullable: true, description: 'The account owner (AE/CSM).' })
  ownerId?: string;

  @Field(() => AccountHealth, { nullable: true, description: 'The latest health reading.' })
  health?: AccountHealth;

  @Field(() => DateTimeScalar, { nullable: true, description: 'The next renewal date, when recorded.' })
  renewalAt?: string;

  @Field(() => [ID], { description: 'Ids of the open escalations.' })
  openEscalations!: string[];

  @Field(() => [SuppressionMarker], {
    description:
      "The automatic suppressions that hold now, with their cause: the account's advocates are not asked.",
  })
  suppressions!: SuppressionMarker[];

  // Paged by `AccountConsents`: renewals and new grants add up over the years.
  consents!: Consent[];
}

export const ConsentConnection = connectionOf('Consent', Consent, 'consent');

/** The account's state as one GraphQL object (a registered account always has a profile). */
export function accountOf(account: AccountResult): Account | undefined {
  if (account.status === 'NONE' || !account.profile) return undefined;
  return {
    ...account.profile,
    accountId: account.accountId,
    status: account.status,
    ...(account.ownerId !== undefined ? { ownerId: account.ownerId } : {}),
    ...(account.health ? { health: account.health } : {}),
    ...(account.renewalAt !== undefined ? { renewalAt: account.renewalAt } : {}),
    openEscalations: Object.keys({ ...account.openEscalations }),
    suppressions: activeSuppressions(account).map((s) => ({
      rule: s.rule,
      since: s.since,
      words: describeSuppressionCause(s.cause),
    })),
    consents: Object.values(account.consents).map(({ scope, ...consent }) => ({ ...consent, ...scope })),
  };
}

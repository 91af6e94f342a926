import type { ActivityKind as ActivityKindValue } from '@vouch/domain';
import { InputType } from 'type-graphql';
import { ActivityKind } from '../enums/domain-enums';
import { EnumField, IdField, IntField, NestedListField, TextField, TextListField } from '../common/fields';

const DAYS = { min: 0, max: 3650 };
const COUNT = { min: 0, max: 10_000 };

@InputType({ description: 'A tighter limit for one activity kind within the fatigue window.' })
export class KindLimitInput {
  @EnumField(ActivityKind, 'The activity kind.')
  kind!: ActivityKindValue;

  @IntField('At most this many engagements of the kind per window.', COUNT)
  max!: number;
}

@InputType({
  description: "Set the program's fatigue limits (invariant 2): how often an advocate may be used.",
})
export class SetFatiguePolicyInput {
  @IdField('Client-chosen id of this command; repeating it changes nothing.')
  commandId!: string;

  @IntField('Length of the rolling window, in days.', { min: 1, max: 3650 })
  windowDays!: number;

  @IntField('At most this many engagements (reserved ones included) in any window.', COUNT)
  maxPerWindow!: number;

  @NestedListField(
    () => KindLimitInput,
    'Tighter limits for some kinds within the same window (one per kind).',
  )
  kindLimits!: KindLimitInput[];

  @IntField('At least this many days between two engagements.', DAYS)
  minRestDays!: number;
}

@InputType({ description: 'Set how fast requests are to be handled.' })
export class SetRequestSlaPolicyInput {
  @IdField('Client-chosen id of this command; repeating it changes nothing.')
  commandId!: string;

  @IntField('A request is to be triaged within this many hours of submission.', { min: 1, max: 8760 })
  triageWithinHours!: number;

  @IntField('A request is to be fulfilled within this many days of submission.', { min: 1, max: 3650 })
  fulfilWithinDays!: number;
}

@InputType({ description: 'Set the caps on rewards (invariant 6).' })
export class SetRewardPolicyInput {
  @IdField('Client-chosen id of this command; repeating it changes nothing.')
  commandId!: string;

  @TextField('ISO 4217 currency of the caps, e.g. `USD`.')
  currency!: string;

  @IntField('A single reward above this needs a program manager’s approval.', { min: 0, max: 1_000_000_000 })
  perRewardCap!: number;

  @IntField('The most one advocate may receive in a calendar year; a hard cap.', {
    min: 0,
    max: 1_000_000_000,
  })
  yearlyCapPerAdvocate!: number;
}

@InputType({ description: 'Set how fresh advocate profiles must be kept.' })
export class SetFreshnessPolicyInput {
  @IdField('Client-chosen id of this command; repeating it changes nothing.')
  commandId!: string;

  @IntField('A profile is due for verification this many days after it was last verified.', {
    min: 1,
    max: 3650,
  })
  verifyEveryDays!: number;

  @IntField('…and stale this many days after.', { min: 1, max: 3650 })
  staleAfterDays!: number;
}

@InputType({
  description:
    'Ask happy customers first: set the account health below which a nomination needs an override.',
})
export class SetNominationPolicyInput {
  @IdField('Client-chosen id of this command; repeating it changes nothing.')
  commandId!: string;

  @IntField('Minimum account health score (0–100).', { min: 0, max: 100 })
  minAccountHealth!: number;
}

@InputType({ description: 'Set how long personal data is kept once an advocate retires.' })
export class SetRetentionPolicyInput {
  @IdField('Client-chosen id of this command; repeating it changes nothing.')
  commandId!: string;

  @IntField('Days to keep a retired advocate’s personal data.', DAYS)
  retainRetiredAdvocateDays!: number;
}

@InputType({
  description: 'Set how many advocates the growth plan needs for one industry × region × product.',
})
export class SetCoverageTargetInput {
  @IdField('Client-chosen id of this command; repeating it changes nothing.')
  commandId!: string;

  @TextField('Industry of the cell.')
  industry!: string;

  @TextField('Region of the cell.')
  region!: string;

  @TextField('Product of the cell.')
  product!: string;

  @IntField('Advocates needed in the cell.', { min: 1, max: 10_000 })
  advocatesNeeded!: number;
}

@InputType({ description: 'Remove the coverage target of one industry × region × product.' })
export class RemoveCoverageTargetInput {
  @IdField('Client-chosen id of this command; repeating it changes nothing.')
  commandId!: string;

  @TextField('Industry of the cell.')
  industry!: string;

  @TextField('Region of the cell.')
  region!: string;

  @TextField('Product of the cell.')
  product!: string;
}

@InputType({
  description: 'Wish an account were a reference; wishes form the profile of a preferred candidate.',
})
export class AddToWishlistInput {
  @IdField('Client-chosen id of this command; repeating it changes nothing.')
  commandId!: string;

  @IdField('Id of the new wish.')
  wishId!: string;

  @TextField('Name of the wished-for account.')
  accountName!: string;

  @IdField('The account, if it is a customer already.', { nullable: true })
  accountId?: string;

  @TextField('Industry of the account.')
  industry!: string;

  @TextField('Segment of the account.')
  segment!: string;

  @TextField('Region of the account.')
  region!: string;

  @TextListField('Products the account uses or would use.')
  products!: string[];

  @TextField('Why this account would be a valuable reference.', { long: true })
  reason!: string;
}

@InputType({ description: 'Remove a wish (only the wisher or a program manager).' })
export class RemoveFromWishlistInput {
  @IdField('Client-chosen id of this command; repeating it changes nothing.')
  commandId!: string;

  @IdField('The wish to remove.')
  wishId!: string;

  @TextField('Why it is removed.', { long: true })
  reason!: string;
}

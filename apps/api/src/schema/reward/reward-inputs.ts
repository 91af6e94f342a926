import type { RewardKind as RewardKindValue } from '@vouch/domain';
import { InputType } from 'type-graphql';
import { RewardKind } from '../enums/domain-enums';
import { EnumField, IdField, NestedField, TextField } from '../common/fields';
import { MoneyInput } from '../common/money-input';

@InputType({ description: 'Give an advocate a reward: capped, and always disclosed (invariant 6).' })
export class GrantRewardInput {
  @IdField('Client-chosen id of this command; repeating it changes nothing.')
  commandId!: string;

  @IdField('The advocate.')
  advocateId!: string;

  @IdField('Id of the new reward.')
  rewardId!: string;

  @EnumField(RewardKind, 'What is given.')
  kind!: RewardKindValue;

  @TextField('What exactly.', { long: true })
  description!: string;

  @NestedField(() => MoneyInput, 'Its value.')
  value!: MoneyInput;

  @TextField('How the incentive is disclosed (e.g. in the published case study).', { long: true })
  disclosure!: string;

  @TextField("A program manager's approval of a reward above the per-reward cap.", {
    long: true,
    nullable: true,
  })
  overCapApprovalReason?: string;
}

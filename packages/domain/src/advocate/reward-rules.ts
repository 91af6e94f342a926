import { hasRole } from '../shared/actor';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { alreadyExists } from '../shared/guards';
import { yearOf } from '../shared/time';
import { validated } from '../shared/validator';
import type { GrantReward } from './advocate-commands';
import type { AdvocateDecisionContext } from './advocate-decision-context';
import type { AdvocateEvent } from './advocate-events';
import { LIVE, requireStatus } from './advocate-guards';
import type { AdvocateState } from './advocate-state';
import { REWARD_KINDS } from './reward';

// Rewards: incentives, disclosed (invariant 6) and capped by the program's policy.

function parseGrantReward(d: GrantReward['data'], context: AdvocateDecisionContext) {
  const policy = context.policies.reward;
  return validated((v) => {
    const value = v.money('value', d.value);
    if (value.currency !== policy.currency)
      v.fail('value.currency', `must be the program currency ${policy.currency}`);
    return {
      rewardId: v.id('rewardId', d.rewardId),
      kind: v.oneOf('kind', d.kind, REWARD_KINDS),
      description: v.text('description', d.description, { max: 500 }),
      value,
      // Invariant 6: every incentive is disclosed in the record.
      disclosure: v.text('disclosure', d.disclosure, { min: 10, max: 1000 }),
      overCapApprovalReason: v.optionalText('overCapApprovalReason', d.overCapApprovalReason, { max: 1000 }),
    };
  });
}

/** The payload parsers of reward commands. */
export const rewardParsers = { GrantReward: parseGrantReward };

type RewardInput = ReturnType<typeof parseGrantReward>;

function requireUnderYearlyCap(state: AdvocateState, d: RewardInput, context: AdvocateDecisionContext): void {
  const policy = context.policies.reward;
  const year = yearOf(context.now);
  const thisYear = state.rewards
    .filter((r) => yearOf(r.grantedAt) === year)
    .reduce((sum, r) => sum + r.value.amount, 0);
  if (thisYear + d.value.amount > policy.yearlyCapPerAdvocate) {
    throw new DomainError(
      DomainErrorCode.REWARD_CAP_EXCEEDED,
      `Advocate ${state.advocateId} has received ${thisYear} ${policy.currency} in ${year}; this reward would pass the yearly cap of ` +
        `${policy.yearlyCapPerAdvocate}. Give a smaller reward or wait until next year.`,
      {
        advocateId: state.advocateId,
        year,
        receivedThisYear: thisYear,
        yearlyCap: policy.yearlyCapPerAdvocate,
      },
    );
  }
}

/** A reward above the per-reward cap needs a program manager's approval with a reason. */
function overCapApprovalOf(
  state: AdvocateState,
  d: RewardInput,
  context: AdvocateDecisionContext,
): { by: string; reason: string } | undefined {
  const policy = context.policies.reward;
  if (d.value.amount <= policy.perRewardCap) return undefined;
  if (d.overCapApprovalReason === undefined || !hasRole(context.actor, 'PROGRAM_MANAGER')) {
    throw new DomainError(
      DomainErrorCode.REWARD_APPROVAL_REQUIRED,
      `A reward of ${d.value.amount} ${policy.currency} is above the per-reward cap of ${policy.perRewardCap}; ` +
        'a program manager must approve it with a reason.',
      { advocateId: state.advocateId, perRewardCap: policy.perRewardCap },
    );
  }
  return { by: context.actor.userId, reason: d.overCapApprovalReason };
}

function grantReward(
  d: RewardInput,
  state: AdvocateState,
  context: AdvocateDecisionContext,
): AdvocateEvent[] {
  requireStatus(state, LIVE, 'GrantReward', context.now);
  if (state.rewards.some((r) => r.rewardId === d.rewardId)) throw alreadyExists('Reward', d.rewardId);
  requireUnderYearlyCap(state, d, context);
  const overCapApproval = overCapApprovalOf(state, d, context);
  const { overCapApprovalReason: _r, ...reward } = d;
  return [
    {
      type: 'RewardGranted',
      data: {
        advocateId: state.advocateId,
        ...reward,
        grantedBy: context.actor.userId,
        ...(overCapApproval ? { overCapApproval } : {}),
        grantedAt: context.now,
      },
    },
  ];
}

/** The rules of rewards, one per command. */
export const rewardRules = { GrantReward: grantReward };

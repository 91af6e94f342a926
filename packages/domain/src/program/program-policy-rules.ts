import { ACTIVITY_KINDS, type ActivityKind } from '../shared/activity-kind';
import type { DecisionContext } from '../shared/decision-context';
import type { RuleOf } from '../shared/command-handlers';
import { validated, type Validator } from '../shared/validator';
import type {
  SetFatiguePolicy,
  SetFreshnessPolicy,
  SetNominationPolicy,
  SetRequestSlaPolicy,
  SetRetentionPolicy,
  SetRewardPolicy,
} from './program-commands';
import type { ProgramEvent } from './program-events';
import type { FatiguePolicy } from './program-policies';

// The program's policies: fatigue limits, request SLAs, reward caps, freshness, nomination, retention.

function readFatigue(v: Validator, d: FatiguePolicy): FatiguePolicy {
  const windowDays = v.integer('windowDays', d.windowDays, { min: 1, max: 730 });
  const maxPerWindow = v.integer('maxPerWindow', d.maxPerWindow, { min: 1, max: 100 });
  const perKind: Partial<Record<ActivityKind, number>> = {};
  for (const [kind, limit] of Object.entries(v.object('maxPerKindPerWindow', d.maxPerKindPerWindow ?? {}))) {
    const k = v.oneOf(`maxPerKindPerWindow.${kind}`, kind, ACTIVITY_KINDS);
    perKind[k] = v.integer(`maxPerKindPerWindow.${kind}`, limit, { min: 0, max: maxPerWindow });
  }
  const minRestDays = v.integer('minRestDays', d.minRestDays, { min: 0, max: 365 });
  return { windowDays, maxPerWindow, maxPerKindPerWindow: perKind, minRestDays };
}

function parseRewardPolicy(d: SetRewardPolicy['data']) {
  return validated((v) => {
    const money = v.money('perRewardCap', { amount: d.perRewardCap, currency: d.currency });
    const yearly = v.number('yearlyCapPerAdvocate', d.yearlyCapPerAdvocate, { min: 0, max: 1e9 });
    if (yearly < money.amount) v.fail('yearlyCapPerAdvocate', 'must be at least the per-reward cap');
    return { currency: money.currency, perRewardCap: money.amount, yearlyCapPerAdvocate: yearly };
  });
}

function parseFreshnessPolicy(d: SetFreshnessPolicy['data']) {
  return validated((v) => {
    const verifyEveryDays = v.integer('verifyEveryDays', d.verifyEveryDays, { min: 1, max: 3650 });
    const staleAfterDays = v.integer('staleAfterDays', d.staleAfterDays, { min: 1, max: 3650 });
    if (staleAfterDays < verifyEveryDays) v.fail('staleAfterDays', 'must be at least verifyEveryDays');
    return { verifyEveryDays, staleAfterDays };
  });
}

/** The payload parsers of policy commands. */
export const policyParsers = {
  SetFatiguePolicy: (d: SetFatiguePolicy['data']) => validated((v) => readFatigue(v, d)),
  SetRequestSlaPolicy: (d: SetRequestSlaPolicy['data']) =>
    validated((v) => ({
      triageWithinHours: v.integer('triageWithinHours', d.triageWithinHours, { min: 1, max: 720 }),
      fulfilWithinDays: v.integer('fulfilWithinDays', d.fulfilWithinDays, { min: 1, max: 365 }),
    })),
  SetRewardPolicy: parseRewardPolicy,
  SetFreshnessPolicy: parseFreshnessPolicy,
  SetNominationPolicy: (d: SetNominationPolicy['data']) =>
    validated((v) => ({
      minAccountHealth: v.integer('minAccountHealth', d.minAccountHealth, { min: 0, max: 100 }),
    })),
  SetRetentionPolicy: (d: SetRetentionPolicy['data']) =>
    validated((v) => ({
      retainRetiredAdvocateDays: v.integer('retainRetiredAdvocateDays', d.retainRetiredAdvocateDays, {
        min: 0,
        max: 36500,
      }),
    })),
};

type Rule<K extends keyof typeof policyParsers> = RuleOf<
  typeof policyParsers,
  K,
  unknown,
  ProgramEvent,
  DecisionContext
>;

const setFatiguePolicy: Rule<'SetFatiguePolicy'> = (policy, _, context) => [
  { type: 'FatiguePolicySet', data: { policy, setBy: context.actor.userId } },
];
const setRequestSlaPolicy: Rule<'SetRequestSlaPolicy'> = (policy, _, context) => [
  { type: 'RequestSlaPolicySet', data: { policy, setBy: context.actor.userId } },
];
const setRewardPolicy: Rule<'SetRewardPolicy'> = (policy, _, context) => [
  { type: 'RewardPolicySet', data: { policy, setBy: context.actor.userId } },
];
const setFreshnessPolicy: Rule<'SetFreshnessPolicy'> = (policy, _, context) => [
  { type: 'FreshnessPolicySet', data: { policy, setBy: context.actor.userId } },
];
const setNominationPolicy: Rule<'SetNominationPolicy'> = (policy, _, context) => [
  { type: 'NominationPolicySet', data: { policy, setBy: context.actor.userId } },
];
const setRetentionPolicy: Rule<'SetRetentionPolicy'> = (policy, _, context) => [
  { type: 'RetentionPolicySet', data: { policy, setBy: context.actor.userId } },
];

/** The rules of program policies, one per command. */
export const policyRules = {
  SetFatiguePolicy: setFatiguePolicy,
  SetRequestSlaPolicy: setRequestSlaPolicy,
  SetRewardPolicy: setRewardPolicy,
  SetFreshnessPolicy: setFreshnessPolicy,
  SetNominationPolicy: setNominationPolicy,
  SetRetentionPolicy: setRetentionPolicy,
};

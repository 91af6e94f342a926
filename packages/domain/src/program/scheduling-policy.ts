import type { DecisionContext } from '../shared/decision-context';
import type { Command, DomainEvent } from '../shared/domain-event';
import { validated } from '../shared/validator';

/**
 * What the program decides about calls nobody proved: how long after a call's end proof may
 * still come before it is MISSED, and whether a missed call counts toward the advocate's fatigue.
 */
export interface SchedulingPolicy {
  readonly graceMinutes: number;
  readonly missedCountsTowardFatigue: boolean;
}

/** A day's grace; a no-show still cost the advocate the slot, so it counts. */
export const DEFAULT_SCHEDULING_POLICY: SchedulingPolicy = {
  graceMinutes: 24 * 60,
  missedCountsTowardFatigue: true,
};

export type SetSchedulingPolicy = Command<'SetSchedulingPolicy', SchedulingPolicy>;
export type SchedulingPolicySet = DomainEvent<
  'SchedulingPolicySet',
  { policy: SchedulingPolicy; setBy: string }
>;

/** The payload parser of the scheduling policy. */
export const schedulingPolicyParsers = {
  SetSchedulingPolicy: (d: SetSchedulingPolicy['data']) =>
    validated((v) => ({
      graceMinutes: v.integer('graceMinutes', d.graceMinutes, { min: 0, max: 7 * 24 * 60 }),
      missedCountsTowardFatigue: v.boolean('missedCountsTowardFatigue', d.missedCountsTowardFatigue),
    })),
};

/** The rule of the scheduling policy: the program manager's to set (the permission table). */
export const schedulingPolicyRules = {
  SetSchedulingPolicy: (
    policy: SchedulingPolicy,
    _state: unknown,
    context: DecisionContext,
  ): SchedulingPolicySet[] => [
    { type: 'SchedulingPolicySet', data: { policy, setBy: context.actor.userId } },
  ],
};

import type { SuppressionPolicy } from '../policies/suppression-policy';
import type { RuleOf } from '../shared/command-handlers';
import type { Command, DomainEvent } from '../shared/domain-event';
import type { DecisionContext } from '../shared/decision-context';
import { validated } from '../shared/validator';

/** The program turns automatic suppression rules on or off (a rule left out is off). */
export type SetSuppressionPolicy = Command<'SetSuppressionPolicy', SuppressionPolicy>;
export type SuppressionPolicySet = DomainEvent<
  'SuppressionPolicySet',
  { policy: SuppressionPolicy; setBy: string }
>;

/** The payload parser of the suppression policy. */
export const suppressionPolicyParsers = {
  SetSuppressionPolicy: (d: SetSuppressionPolicy['data']) =>
    validated((v): SuppressionPolicy => {
      const renewalWithinDays = v.optionalInteger('renewalWithinDays', d.renewalWithinDays, {
        min: 1,
        max: 365,
      });
      const healthBelow = v.optionalInteger('healthBelow', d.healthBelow, { min: 1, max: 100 });
      return {
        ...(renewalWithinDays !== undefined ? { renewalWithinDays } : {}),
        ...(healthBelow !== undefined ? { healthBelow } : {}),
        openEscalation: v.boolean('openEscalation', d.openEscalation),
      };
    }),
};

const setSuppressionPolicy: RuleOf<
  typeof suppressionPolicyParsers,
  'SetSuppressionPolicy',
  unknown,
  SuppressionPolicySet,
  DecisionContext
> = (policy, _, context) => [{ type: 'SuppressionPolicySet', data: { policy, setBy: context.actor.userId } }];

/** The rule of the suppression policy. */
export const suppressionPolicyRules = { SetSuppressionPolicy: setSuppressionPolicy };

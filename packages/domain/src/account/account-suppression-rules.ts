import type { ProgramPolicies } from '../program/program-policies';
import {
  NO_SUPPRESSION,
  SUPPRESSION_RULES,
  suppressionConditions,
  type SuppressionFacts,
  type SuppressionPolicy,
  type SuppressionRule,
} from '../policies/suppression-policy';
import type { RuleOf } from '../shared/command-handlers';
import type { DecisionContext } from '../shared/decision-context';
import { alreadyExists, notFound } from '../shared/guards';
import { isBefore, type Instant } from '../shared/time';
import { validated } from '../shared/validator';
import type {
  CloseAccountEscalation,
  OpenAccountEscalation,
  SetAccountRenewal,
} from './account-suppression-commands';
import type { AccountEvent } from './account-events';
import type { SuppressionLiftReason } from './account-suppression-events';
import { suppressionFactsOf } from './account-suppression-state';
import { evolveAccount, type AccountState } from './account-state';

// Automatic suppression: an account's renewal, health and escalations against the program's
// rules. Every rule below ends in `reviewed`, so each change of a condition is one event with
// its cause, in the same decision that changed the condition.

/** The account decider may be handed the program's policies (the suppression rules read them). */
export interface AccountDecisionContext extends DecisionContext {
  readonly policies?: ProgramPolicies;
}

/** The payload parsers of the renewal, escalation and review commands. */
export const suppressionParsers = {
  SetAccountRenewal: (d: SetAccountRenewal['data']) => validated((v) => v.instant('renewalAt', d.renewalAt)),
  OpenAccountEscalation: (d: OpenAccountEscalation['data']) =>
    validated((v) => ({
      escalationId: v.id('escalationId', d.escalationId),
      summary: v.text('summary', d.summary, { max: 1000 }),
    })),
  CloseAccountEscalation: (d: CloseAccountEscalation['data']) =>
    validated((v) => ({
      escalationId: v.id('escalationId', d.escalationId),
      resolution: v.text('resolution', d.resolution, { max: 1000 }),
    })),
  ReviewAccountSuppression: () => ({}),
};

type Rule<K extends keyof typeof suppressionParsers> = RuleOf<
  typeof suppressionParsers,
  K,
  AccountState,
  AccountEvent,
  AccountDecisionContext
>;

/**
 * The suppression events that follow `events`: a rule that starts to hold is suppressed with
 * the value that makes it hold, one that stops holding is lifted with why. Without the
 * program's policies at hand nothing changes.
 */
export function reviewed(
  events: AccountEvent[],
  state: AccountState,
  context: AccountDecisionContext,
): AccountEvent[] {
  if (!context.policies) return events;
  const policy: SuppressionPolicy = context.policies.suppression ?? NO_SUPPRESSION;
  const after = events.reduce(evolveAccount, state);
  const facts = suppressionFactsOf(after);
  const holds = suppressionConditions(facts, policy, context.now);
  const held = { ...after.suppressions };
  const changes: AccountEvent[] = [];
  for (const rule of SUPPRESSION_RULES) {
    const cause = holds[rule];
    const active = held[rule];
    if (cause && !active) {
      changes.push({
        type: 'AccountSuppressed',
        data: { accountId: after.accountId, rule, cause, since: context.now },
      });
    } else if (!cause && active) {
      changes.push({
        type: 'AccountSuppressionLifted',
        data: {
          accountId: after.accountId,
          rule,
          cause: active.cause,
          liftedBecause: liftReason(rule, facts, policy, context.now),
          liftedAt: context.now,
        },
      });
    }
  }
  return [...events, ...changes];
}

/** Why a rule no longer holds, from the facts now. */
function liftReason(
  rule: SuppressionRule,
  facts: SuppressionFacts,
  policy: SuppressionPolicy,
  now: Instant,
): SuppressionLiftReason {
  switch (rule) {
    case 'RENEWAL':
      if (policy.renewalWithinDays === undefined || facts.renewalAt === undefined)
        return { kind: 'RULE_OFF' };
      return isBefore(now, facts.renewalAt)
        ? { kind: 'RENEWAL_MOVED', renewalAt: facts.renewalAt }
        : { kind: 'RENEWAL_PASSED', renewalAt: facts.renewalAt };
    case 'HEALTH':
      return policy.healthBelow === undefined || facts.healthScore === undefined
        ? { kind: 'RULE_OFF' }
        : { kind: 'HEALTH_RECOVERED', healthScore: facts.healthScore };
    case 'ESCALATION':
      return policy.openEscalation ? { kind: 'ESCALATIONS_CLOSED' } : { kind: 'RULE_OFF' };
  }
}

const setAccountRenewal: Rule<'SetAccountRenewal'> = (renewalAt, state, context) =>
  reviewed(
    [
      {
        type: 'AccountRenewalSet',
        data: { accountId: state.accountId, renewalAt, setBy: context.actor.userId },
      },
    ],
    state,
    context,
  );

const openAccountEscalation: Rule<'OpenAccountEscalation'> = (d, state, context) => {
  if ({ ...state.openEscalations }[d.escalationId] !== undefined)
    throw alreadyExists('Escalation', d.escalationId);
  const opened = { accountId: state.accountId, ...d, openedBy: context.actor.userId, openedAt: context.now };
  return reviewed([{ type: 'AccountEscalationOpened', data: opened }], state, context);
};

const closeAccountEscalation: Rule<'CloseAccountEscalation'> = (d, state, context) => {
  if ({ ...state.openEscalations }[d.escalationId] === undefined)
    throw notFound('Escalation', d.escalationId);
  const closed = { accountId: state.accountId, ...d, closedBy: context.actor.userId, closedAt: context.now };
  return reviewed([{ type: 'AccountEscalationClosed', data: closed }], state, context);
};

/** Time alone moves the renewal rule: due work reviews when the window opens and ends. */
const reviewAccountSuppression: Rule<'ReviewAccountSuppression'> = (_d, state, context) =>
  reviewed([], state, context);

/** The rules of renewal, escalations and suppression review, one per command. */
export const suppressionRules = {
  SetAccountRenewal: setAccountRenewal,
  OpenAccountEscalation: openAccountEscalation,
  CloseAccountEscalation: closeAccountEscalation,
  ReviewAccountSuppression: reviewAccountSuppression,
};

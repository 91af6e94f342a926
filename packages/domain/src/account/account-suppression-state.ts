import type { SuppressionCause, SuppressionFacts, SuppressionRule } from '../policies/suppression-policy';
import type { Instant } from '../shared/time';
import type { AccountSuppressionEvent } from './account-suppression-events';
import { recordWith } from '../shared/record-with';

/** A suppression rule that holds for an account, since when and on which value. */
export interface ActiveSuppression {
  readonly rule: SuppressionRule;
  readonly cause: SuppressionCause;
  readonly since: Instant;
}

/** What an account keeps of its renewal, escalations and suppressions. */
export interface AccountSuppressionState {
  readonly renewalAt?: Instant;
  /** Open escalations by id, with when they opened (absent in snapshots from before). */
  readonly openEscalations?: Readonly<Record<string, Instant>>;
  /** The rules that hold now (absent in snapshots from before). */
  readonly suppressions?: Readonly<Partial<Record<SuppressionRule, ActiveSuppression>>>;
}

/** The suppressions that hold for an account, in rule order. */
export function activeSuppressions(state: AccountSuppressionState): ActiveSuppression[] {
  return Object.values({ ...state.suppressions }).sort((a, b) => (a.rule < b.rule ? -1 : 1));
}

/** The facts the suppression rules read, from the account's state. */
export function suppressionFactsOf(
  state: AccountSuppressionState & { readonly health?: { readonly healthScore: number } },
): SuppressionFacts {
  return {
    ...(state.renewalAt !== undefined ? { renewalAt: state.renewalAt } : {}),
    ...(state.health !== undefined ? { healthScore: state.health.healthScore } : {}),
    openEscalations: Object.keys({ ...state.openEscalations }),
  };
}

/** What a renewal, escalation or suppression event changes of the state; undefined for any other event. */
export function accountSuppressionChange(
  state: AccountSuppressionState,
  event: { readonly type: string; readonly data: unknown },
): AccountSuppressionState | undefined {
  const e = event as AccountSuppressionEvent;
  switch (e.type) {
    case 'AccountRenewalSet':
      return { renewalAt: e.data.renewalAt };
    case 'AccountEscalationOpened':
      return { openEscalations: recordWith(state.openEscalations, e.data.escalationId, e.data.openedAt) };
    case 'AccountEscalationClosed': {
      const open: Record<string, Instant> = { ...state.openEscalations };
      delete open[e.data.escalationId];
      return { openEscalations: open };
    }
    case 'AccountSuppressed': {
      const { rule, cause, since } = e.data;
      return { suppressions: { ...state.suppressions, [rule]: { rule, cause, since } } };
    }
    case 'AccountSuppressionLifted': {
      const held: Partial<Record<SuppressionRule, ActiveSuppression>> = { ...state.suppressions };
      delete held[e.data.rule];
      return { suppressions: held };
    }
    default:
      return undefined;
  }
}

import type { Command } from './domain-event';

/**
 * A fact from outside a decider's own stream that one of its decisions needs. The decider
 * declares them (from the command and its state); the application reads them, whatever the
 * aggregate, and hands them over in the decision context.
 */
export type DecisionNeed =
  /** The program's policies (fatigue limits, nomination threshold) → `context.policies`. */
  | { readonly kind: 'policies' }
  /** The facts of the account a nomination names (none named: it does not exist) → `context.account`. */
  | { readonly kind: 'nominatedAccount'; readonly accountId?: string }
  /** The consents a holder (advocate or account) has now → `context.consentsOf(holder, holderId)`. */
  | { readonly kind: 'consents'; readonly holder: 'ADVOCATE' | 'ACCOUNT'; readonly holderId: string }
  /** Who acts for an account now (owner, unexpired delegates) → `context.accountActors(accountId)`. */
  | { readonly kind: 'accountActors'; readonly accountId: string }
  /** An advocate's account and self-serve pre-approvals → `context.selfServePoolOf(advocateId)`. */
  | { readonly kind: 'selfServePool'; readonly advocateId: string }
  /** The suppressions that hold for an account now → `context.accountSuppressions`. */
  | { readonly kind: 'accountSuppressions'; readonly accountId: string };

/** What a decider declares it needs read for a command; `state` folds its stream only if called. */
export interface DecisionNeeds<C extends Command = Command, S = unknown> {
  needs(command: C, state: () => S): readonly DecisionNeed[];
}

/** A decider that needs nothing beyond its own stream. */
export const NO_NEEDS: DecisionNeeds = { needs: () => [] };

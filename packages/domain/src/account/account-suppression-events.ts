import type { SuppressionCause, SuppressionRule } from '../policies/suppression-policy';
import type { DomainEvent } from '../shared/domain-event';
import type { Instant } from '../shared/time';

export type AccountRenewalSet = DomainEvent<
  'AccountRenewalSet',
  { accountId: string; renewalAt: Instant; setBy: string }
>;
export type AccountEscalationOpened = DomainEvent<
  'AccountEscalationOpened',
  { accountId: string; escalationId: string; summary: string; openedBy: string; openedAt: Instant }
>;
export type AccountEscalationClosed = DomainEvent<
  'AccountEscalationClosed',
  { accountId: string; escalationId: string; resolution: string; closedBy: string; closedAt: Instant }
>;

/** Why a suppression ended: the condition's end in the program's words, and the value now. */
export type SuppressionLiftReason =
  | { readonly kind: 'RENEWAL_PASSED' | 'RENEWAL_MOVED'; readonly renewalAt: Instant }
  | { readonly kind: 'HEALTH_RECOVERED'; readonly healthScore: number }
  | { readonly kind: 'ESCALATIONS_CLOSED' }
  | { readonly kind: 'RULE_OFF' };

/** A suppression rule started to hold: the account's advocates are not asked while it does. */
export type AccountSuppressed = DomainEvent<
  'AccountSuppressed',
  { accountId: string; rule: SuppressionRule; cause: SuppressionCause; since: Instant }
>;
/** A suppression rule stopped holding; the cause it had held on and why it ended. */
export type AccountSuppressionLifted = DomainEvent<
  'AccountSuppressionLifted',
  {
    accountId: string;
    rule: SuppressionRule;
    cause: SuppressionCause;
    liftedBecause: SuppressionLiftReason;
    liftedAt: Instant;
  }
>;

/** The events of an account's renewal, escalations and automatic suppression. */
export type AccountSuppressionEvent =
  | AccountRenewalSet
  | AccountEscalationOpened
  | AccountEscalationClosed
  | AccountSuppressed
  | AccountSuppressionLifted;

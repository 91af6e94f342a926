import type { Command } from '../shared/domain-event';
import type { Instant } from '../shared/time';

/** The account's next renewal date, which the renewal suppression rule reads. */
export type SetAccountRenewal = Command<'SetAccountRenewal', { renewalAt: Instant }>;
/** A customer escalation is open (support, executive): the escalation rule reads it. */
export type OpenAccountEscalation = Command<
  'OpenAccountEscalation',
  { escalationId: string; summary: string }
>;
export type CloseAccountEscalation = Command<
  'CloseAccountEscalation',
  { escalationId: string; resolution: string }
>;
/** Due work (or a program manager) checks the suppression rules against now and the policy. */
export type ReviewAccountSuppression = Command<'ReviewAccountSuppression', Record<string, never>>;

export type AccountSuppressionCommand =
  SetAccountRenewal | OpenAccountEscalation | CloseAccountEscalation | ReviewAccountSuppression;

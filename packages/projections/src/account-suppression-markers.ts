import {
  activeSuppressions,
  describeSuppressionCause,
  type AccountState,
  type Instant,
  type SuppressionRule,
} from '@vouch/domain';

/** A suppression that holds for an advocate's account, as search and matching show it. */
export interface SuppressionMarker {
  readonly rule: SuppressionRule;
  readonly since: Instant;
  /** The rule and its value in words; without the value for a viewer not entitled to it. */
  readonly words: string;
}

const RULE_WORDS: Readonly<Record<SuppressionRule, string>> = {
  RENEWAL: 'account renewal is near',
  HEALTH: 'account health is below the program threshold',
  ESCALATION: 'account has an open escalation',
};

/**
 * The suppressions of an account as markers: with their values (renewal date, health score,
 * escalation ids) for who sees the advocate in full, by rule only for anyone else.
 */
export function suppressionMarkers(
  account: AccountState | undefined,
  withValues: boolean,
): SuppressionMarker[] {
  if (!account) return [];
  return activeSuppressions(account).map((s) => ({
    rule: s.rule,
    since: s.since,
    words: withValues ? describeSuppressionCause(s.cause) : RULE_WORDS[s.rule],
  }));
}

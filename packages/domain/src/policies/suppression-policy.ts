import { addDays, isBefore, type Instant } from '../shared/time';

/**
 * When a program sets an account to "caution" by itself (after Gainsight and ReferenceEdge):
 * a rule left out is off. While any rule holds, the account's advocates are not asked.
 */
export interface SuppressionPolicy {
  /** Suppress from this many days before the account's renewal date until it has passed. */
  readonly renewalWithinDays?: number;
  /** Suppress while the account's health score is below this (0–100). */
  readonly healthBelow?: number;
  /** Suppress while the account has an open escalation. */
  readonly openEscalation: boolean;
}

/** No automatic suppression until the program turns a rule on. */
export const NO_SUPPRESSION: SuppressionPolicy = { openEscalation: false };

/** The three rules that suppress an account, each with its own cause. */
export const SUPPRESSION_RULES = ['RENEWAL', 'HEALTH', 'ESCALATION'] as const;
export type SuppressionRule = (typeof SUPPRESSION_RULES)[number];

/** Which value made a rule hold (or, when lifted, the value it last held on). */
export type SuppressionCause =
  | { readonly rule: 'RENEWAL'; readonly renewalAt: Instant; readonly withinDays: number }
  | { readonly rule: 'HEALTH'; readonly healthScore: number; readonly threshold: number }
  | { readonly rule: 'ESCALATION'; readonly escalationIds: readonly string[] };

/** The facts of an account the rules read: renewal date, health, open escalations. */
export interface SuppressionFacts {
  readonly renewalAt?: Instant;
  readonly healthScore?: number;
  readonly openEscalations: readonly string[];
}

/** The rules that hold for an account at `now`, each with the value that makes it hold. */
export function suppressionConditions(
  facts: SuppressionFacts,
  policy: SuppressionPolicy,
  now: Instant,
): Partial<Record<SuppressionRule, SuppressionCause>> {
  const held: Partial<Record<SuppressionRule, SuppressionCause>> = {};
  const within = policy.renewalWithinDays;
  if (
    within !== undefined &&
    facts.renewalAt !== undefined &&
    inRenewalWindow(facts.renewalAt, within, now)
  ) {
    held.RENEWAL = { rule: 'RENEWAL', renewalAt: facts.renewalAt, withinDays: within };
  }
  const threshold = policy.healthBelow;
  if (threshold !== undefined && facts.healthScore !== undefined && facts.healthScore < threshold) {
    held.HEALTH = { rule: 'HEALTH', healthScore: facts.healthScore, threshold };
  }
  if (policy.openEscalation && facts.openEscalations.length > 0) {
    held.ESCALATION = { rule: 'ESCALATION', escalationIds: [...facts.openEscalations].sort() };
  }
  return held;
}

/** From `withinDays` before the renewal until the renewal date itself. */
function inRenewalWindow(renewalAt: Instant, withinDays: number, now: Instant): boolean {
  return !isBefore(now, addDays(renewalAt, -withinDays)) && isBefore(now, renewalAt);
}

/**
 * The times at which the renewal rule starts or ends by time alone (the window opens, the
 * renewal passes): what due work reviews the account at, since no command marks them.
 */
export function renewalWindowEdges(renewalAt: Instant, withinDays: number): readonly [Instant, Instant] {
  return [addDays(renewalAt, -withinDays), renewalAt];
}

/** Words for a cause, for people reading search results, errors and the audit history. */
export function describeSuppressionCause(cause: SuppressionCause): string {
  switch (cause.rule) {
    case 'RENEWAL':
      return `account renewal on ${cause.renewalAt.slice(0, 10)} is within ${cause.withinDays} days`;
    case 'HEALTH':
      return `account health ${cause.healthScore} is below ${cause.threshold}`;
    case 'ESCALATION':
      return `account has an open escalation (${cause.escalationIds.join(', ')})`;
  }
}

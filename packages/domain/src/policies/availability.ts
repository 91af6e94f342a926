import type { ActiveSuppression } from '../account/account-suppression-state';
import type { AdvocateState } from '../advocate/advocate-state';
import { effectiveStatus } from '../advocate/advocate-state';
import { isCounted, isPending } from '../advocate/engagement';
import type { UsageScope } from '../consent/consent';
import { consentInForce, type ConsentGap } from '../consent/consent-policy';
import type { ProgramPolicies } from '../program/program-policies';
import type { ActivityKind } from '../shared/activity-kind';
import { maxInstant, type Instant } from '../shared/time';
import { fatigueHeadroom, fatigueRules } from './fatigue-policy';

/** Why an advocate cannot be asked for a kind now. */
export type UnavailabilityReason =
  | { readonly reason: 'NOT_ACTIVE'; readonly status: string }
  | { readonly reason: 'RESTING'; readonly until: Instant }
  | { readonly reason: 'CONSENT'; readonly gap: ConsentGap }
  | { readonly reason: 'FATIGUED'; readonly until: Instant }
  | { readonly reason: 'SUPPRESSED'; readonly suppression: ActiveSuppression };

export interface Availability {
  readonly kind: ActivityKind;
  readonly available: boolean;
  readonly reasons: readonly UnavailabilityReason[];
  /**
   * The earliest date the fatigue and rest rules allow, only when time alone stands in the
   * way: absent while a consent gap or a status no date ends does.
   */
  readonly nextAvailableAt?: Instant;
  /** Engagements still possible in the current window (0 when fatigued). */
  readonly headroom: number;
  readonly consentId?: string;
  readonly consentExpiresAt?: Instant;
}

/**
 * Whether an advocate can be asked for `kind` (in `scope`, if given) at `at`, and if not,
 * every reason why: the same gates the Advocate decider enforces, as a read-only answer.
 * `suppressions` are those of the advocate's account (the suppression gate of a new ask).
 */
export function availabilityOf(
  state: AdvocateState,
  kind: ActivityKind,
  at: Instant,
  policies: ProgramPolicies,
  scope?: UsageScope,
  suppressions: readonly ActiveSuppression[] = [],
): Availability {
  const reasons: UnavailabilityReason[] = suppressions.map((suppression) => ({
    reason: 'SUPPRESSED',
    suppression,
  }));
  const status = effectiveStatus(state, at);
  if (status === 'RESTING' && state.restingUntil)
    reasons.push({ reason: 'RESTING', until: state.restingUntil });
  else if (status !== 'ACTIVE') reasons.push({ reason: 'NOT_ACTIVE', status });

  // Pending reservations promise uses, as in the decider: a consent they exhaust is not in force.
  const pendingUses: Record<string, number> = {};
  for (const e of Object.values(state.engagements)) {
    if (isPending(e)) pendingUses[e.consentId] = (pendingUses[e.consentId] ?? 0) + 1;
  }
  const verdict = consentInForce(Object.values(state.consents), {
    kind,
    at,
    pendingUses,
    ...(scope ? { scope } : {}),
  });
  if (!verdict.inForce) reasons.push({ reason: 'CONSENT', gap: verdict.gap });

  const counted = Object.values(state.engagements)
    .filter(isCounted)
    .map((e) => ({ kind: e.kind, at: e.activityAt }));
  const headroom = fatigueHeadroom(counted, fatigueRules(policies.fatigue, state.preferences), kind, at);
  if (headroom.remaining === 0) reasons.push({ reason: 'FATIGUED', until: headroom.nextAvailableAt });

  const nextAvailableAt =
    status === 'RESTING' && state.restingUntil
      ? maxInstant(state.restingUntil, headroom.nextAvailableAt)
      : headroom.nextAvailableAt;
  // A withdrawn, missing or used-up consent is not something waiting ends.
  const onlyTime = reasons.every((r) => r.reason === 'RESTING' || r.reason === 'FATIGUED');
  return {
    kind,
    available: reasons.length === 0,
    reasons,
    ...(onlyTime ? { nextAvailableAt } : {}),
    headroom: headroom.remaining,
    ...(verdict.consent ? { consentId: verdict.consent.consentId } : {}),
    ...(verdict.consent?.validUntil ? { consentExpiresAt: verdict.consent.validUntil } : {}),
  };
}

import {
  activeSuppressions,
  availabilityOf,
  describeSuppressionCause,
  describeConsentGap,
  effectiveStatus,
  fatigueHeadroom,
  fatigueRules,
  isCounted,
  type ActivityKind,
  type ConsentGap,
  type FatigueLimit,
  type Instant,
  type UsageScope,
  type AdvocateState,
  type UnavailabilityReason,
  type SuppressionRule,
} from '@vouch/domain';
import type { AdvocateDirectory } from './advocate-directory';

/** One reason an advocate cannot be asked, with a stable code and plain words. */
export type AvailabilityReason =
  | {
      readonly code: 'NOT_ENROLLED' | 'CANDIDATE' | 'RETIRED' | 'DO_NOT_CONTACT' | 'ERASED';
      readonly words: string;
    }
  | { readonly code: 'RESTING'; readonly until: Instant; readonly words: string }
  | { readonly code: 'FATIGUED'; readonly until: Instant; readonly words: string }
  | { readonly code: 'CONSENT'; readonly gap: ConsentGap; readonly words: string }
  | {
      readonly code: 'SUPPRESSED';
      readonly rule: SuppressionRule;
      readonly since: Instant;
      readonly words: string;
    };

/** The uses one fatigue limit has counted in the window around the date. */
export interface UsesInWindow {
  readonly limit: FatigueLimit;
  readonly used: number;
  readonly remaining: number;
}

/** Whether an advocate can be asked for a kind at a date, and if not every reason why. */
export interface AdvocateAvailability {
  readonly advocateId: string;
  readonly kind: ActivityKind;
  readonly at: Instant;
  readonly available: boolean;
  readonly reasons: readonly AvailabilityReason[];
  readonly nextAvailableAt?: Instant;
  readonly usesInWindow: readonly UsesInWindow[];
  readonly headroom: number;
  /** The consent in force (or the one that came closest), its version and expiry. */
  readonly consentId?: string;
  readonly consentVersion?: number;
  readonly consentExpiresAt?: Instant;
}

/**
 * The availability of one advocate for `kind` at `at` (in `scope`, if given), straight
 * from the domain's `availabilityOf`, with the reasons said in words and the uses counted
 * against each fatigue limit.
 */
export function advocateAvailability(
  directory: AdvocateDirectory,
  advocateId: string,
  kind: ActivityKind,
  at: Instant,
  scope?: UsageScope,
): AdvocateAvailability {
  const state = directory.advocate(advocateId);
  if (!state) {
    return {
      advocateId,
      kind,
      at,
      available: false,
      reasons: [{ code: 'NOT_ENROLLED', words: `advocate ${advocateId} is not enrolled` }],
      usesInWindow: [],
      headroom: 0,
    };
  }
  const policies = directory.program.policies;
  const suppressions = activeSuppressions(directory.accountOf(state) ?? {});
  const availability = availabilityOf(state, kind, at, policies, scope, suppressions);
  const reasons = describeReasons(state, availability.reasons, at);
  const counted = Object.values(state.engagements)
    .filter(isCounted)
    .map((e) => ({ kind: e.kind, at: e.activityAt }));
  const headroom = fatigueHeadroom(counted, fatigueRules(policies.fatigue, state.preferences), kind, at);
  const consent = availability.consentId !== undefined ? state.consents[availability.consentId] : undefined;
  return {
    advocateId,
    kind,
    at,
    available: availability.available,
    reasons,
    ...(availability.nextAvailableAt !== undefined ? { nextAvailableAt: availability.nextAvailableAt } : {}),
    usesInWindow: headroom.limits,
    headroom: availability.headroom,
    ...(consent ? { consentId: consent.consentId, consentVersion: consent.version } : {}),
    ...(availability.consentExpiresAt !== undefined
      ? { consentExpiresAt: availability.consentExpiresAt }
      : {}),
  };
}

/** The domain's unavailability reasons with stable codes and plain words. */
export function describeReasons(
  state: AdvocateState,
  reasons: readonly UnavailabilityReason[],
  at: Instant,
): AvailabilityReason[] {
  return reasons.map((r): AvailabilityReason => {
    switch (r.reason) {
      case 'RESTING':
        return { code: 'RESTING', until: r.until, words: `resting until ${r.until}` };
      case 'FATIGUED':
        return { code: 'FATIGUED', until: r.until, words: `fatigued: next available ${r.until}` };
      case 'CONSENT':
        return { code: 'CONSENT', gap: r.gap, words: describeConsentGap(r.gap) };
      case 'NOT_ACTIVE':
        return statusReason(effectiveStatus(state, at));
      case 'SUPPRESSED':
        return {
          code: 'SUPPRESSED',
          rule: r.suppression.rule,
          since: r.suppression.since,
          words: `suppressed: ${describeSuppressionCause(r.suppression.cause)}`,
        };
    }
  });
}

function statusReason(status: string): AvailabilityReason {
  switch (status) {
    case 'RETIRED':
      return { code: 'RETIRED', words: 'retired from the program' };
    case 'DO_NOT_CONTACT':
      return { code: 'DO_NOT_CONTACT', words: 'must not be contacted' };
    case 'ERASED':
      return { code: 'ERASED', words: 'erased' };
    case 'CANDIDATE':
      return { code: 'CANDIDATE', words: 'not activated yet' };
    default:
      return { code: 'NOT_ENROLLED', words: 'not enrolled' };
  }
}

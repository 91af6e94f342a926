import type { SuppressionPolicy } from '../policies/suppression-policy';
import type { ActivityKind } from '../shared/activity-kind';
import type { RequestModePolicy } from './request-modes';

/** How often an advocate may be used: invariant 2's program-wide limits. */
export interface FatiguePolicy {
  /** Length of the rolling window, in days. */
  readonly windowDays: number;
  /** At most this many engagements (reserved ones included) in any window. */
  readonly maxPerWindow: number;
  /** Tighter limits for some kinds within the same window. */
  readonly maxPerKindPerWindow: Partial<Record<ActivityKind, number>>;
  /** At least this many days between two engagements. */
  readonly minRestDays: number;
}

/** How fast requests are to be handled. */
export interface RequestSlaPolicy {
  readonly triageWithinHours: number;
  readonly fulfilWithinDays: number;
}

/** Caps on what the program gives back (invariant 6). */
export interface RewardPolicy {
  readonly currency: string;
  /** A single reward above this needs a program manager's approval. */
  readonly perRewardCap: number;
  /** The most one advocate may receive in a calendar year; a hard cap. */
  readonly yearlyCapPerAdvocate: number;
}

/** How fresh profiles must be kept. */
export interface FreshnessPolicy {
  /** A profile is due for verification this many days after it was last verified. */
  readonly verifyEveryDays: number;
  /** ...and stale this many days after. */
  readonly staleAfterDays: number;
}

/** Ask happy customers first: nominations from accounts below this health need an override. */
export interface NominationPolicy {
  readonly minAccountHealth: number;
}

/** How long personal data is kept once an advocate retires. */
export interface RetentionPolicy {
  readonly retainRetiredAdvocateDays: number;
}

/** How many advocates the growth plan needs for one industry × region × product. */
export interface CoverageTarget {
  readonly industry: string;
  readonly region: string;
  readonly product: string;
  readonly advocatesNeeded: number;
}

/** The policies deciders of other aggregates need, as the application hands them over. */
export interface ProgramPolicies {
  readonly fatigue: FatiguePolicy;
  readonly sla: RequestSlaPolicy;
  readonly reward: RewardPolicy;
  readonly freshness: FreshnessPolicy;
  readonly nomination: NominationPolicy;
  readonly retention: RetentionPolicy;
  /** How requests of each kind are fulfilled; absent, every ask is owner-approved. */
  readonly requestModes?: RequestModePolicy;
  /** Automatic suppression of accounts; absent (all rules off) until the program sets it. */
  readonly suppression?: SuppressionPolicy;
}

/** Sensible defaults for a program that has not set its own. */
export const DEFAULT_PROGRAM_POLICIES: ProgramPolicies = {
  fatigue: { windowDays: 90, maxPerWindow: 4, maxPerKindPerWindow: { REFERENCE_CALL: 3 }, minRestDays: 7 },
  sla: { triageWithinHours: 24, fulfilWithinDays: 10 },
  reward: { currency: 'USD', perRewardCap: 250, yearlyCapPerAdvocate: 1000 },
  freshness: { verifyEveryDays: 180, staleAfterDays: 365 },
  nomination: { minAccountHealth: 60 },
  retention: { retainRetiredAdvocateDays: 730 },
};

/** The key of a coverage cell. */
export function coverageKey(target: Pick<CoverageTarget, 'industry' | 'region' | 'product'>): string {
  return `${target.industry}|${target.region}|${target.product}`;
}

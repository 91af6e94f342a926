import type { ActivityKind } from '../shared/activity-kind';
import type { Instant } from '../shared/time';
import type { Seniority } from './seniority';

/** Personal data: encrypted per advocate in the store and destroyed on erasure. */
export interface AdvocateContact {
  readonly name: string;
  readonly email: string;
  readonly phone?: string;
  readonly title: string;
}

/** What the advocate can speak to: not personal, kept after erasure for the counts. */
export interface AdvocateAttributes {
  readonly seniority: Seniority;
  readonly products: readonly string[];
  readonly useCases: readonly string[];
  readonly languages: readonly string[];
  readonly topics: readonly string[];
}

export interface BlackoutPeriod {
  readonly from: Instant;
  readonly until: Instant;
}

/** The advocate's own wishes; their limits hold alongside the program's (invariant 2). */
export interface AdvocatePreferences {
  /** At most this many engagements in `windowDays` (tighter than the program's, if set). */
  readonly maxEngagementsPerWindow?: number;
  readonly windowDays?: number;
  readonly minRestDays?: number;
  readonly preferredActivities: readonly ActivityKind[];
  readonly blackouts: readonly BlackoutPeriod[];
}

export const NO_PREFERENCES: AdvocatePreferences = { preferredActivities: [], blackouts: [] };

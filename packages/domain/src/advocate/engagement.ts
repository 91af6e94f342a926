import type { Channel } from '../consent/consent';
import type { ActivityKind } from '../shared/activity-kind';
import type { Instant } from '../shared/time';

export const ENGAGEMENT_RELEASE_REASONS = [
  'DECLINED',
  'CANCELLED',
  'CONSENT_WITHDRAWN',
  'CONSENT_EXPIRED',
  'REQUEST_LAPSED',
  'ADVOCATE_UNAVAILABLE',
  'OWNER_DECLINED',
  'ADVOCATE_LEFT_ACCOUNT',
] as const;
export type EngagementReleaseReason = (typeof ENGAGEMENT_RELEASE_REASONS)[number];

/** RESERVED → ACCEPTED → SCHEDULED → COMPLETED or MISSED; any pending → RELEASED. */
export type EngagementStatus = 'RESERVED' | 'ACCEPTED' | 'SCHEDULED' | 'COMPLETED' | 'MISSED' | 'RELEASED';

/** One advocate reserved for one activity; completed engagements are the usage fatigue counts. */
export interface Engagement {
  readonly engagementId: string;
  readonly requestId?: string;
  readonly kind: ActivityKind;
  readonly territory: string;
  readonly channel: Channel;
  readonly status: EngagementStatus;
  /** When the advocate was asked (the reservation); absent only in states saved before it was kept. */
  readonly reservedAt?: Instant;
  /** When the activity takes place (planned, then actual). */
  readonly activityAt: Instant;
  /** The consent, and its version, this engagement relies on. */
  readonly consentId: string;
  readonly consentVersion: number;
  readonly useApproved: boolean;
  /** The requester's rating (1–5) and how well the advocate fitted the topic (1–5). */
  readonly rating?: number;
  /** For a MISSED engagement: whether it counts toward fatigue (the program's policy when it was missed). */
  readonly countsTowardFatigue?: boolean;
  readonly topicFit?: number;
  /** The advocate's own rating of the activity and of how well the ask fitted their topics. */
  readonly advocateFeedback?: { readonly rating: number; readonly topicFit?: number };
}

/** Engagements that count against fatigue: all but released ones (reserved ones count), and missed ones as the program decided. */
export function isCounted(engagement: Engagement): boolean {
  if (engagement.status === 'MISSED') return engagement.countsTowardFatigue === true;
  return engagement.status !== 'RELEASED';
}

/** Engagements not yet completed nor released. */
export function isPending(engagement: Engagement): boolean {
  return (
    engagement.status === 'RESERVED' || engagement.status === 'ACCEPTED' || engagement.status === 'SCHEDULED'
  );
}

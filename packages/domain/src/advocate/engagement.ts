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

/** RESERVED → ACCEPTED → SCHEDULED → COMPLETED; any but COMPLETED → RELEASED. */
export type EngagementStatus = 'RESERVED' | 'ACCEPTED' | 'SCHEDULED' | 'COMPLETED' | 'RELEASED';

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
  readonly rating?: number;
}

/** Engagements that count against fatigue: all but released ones (reserved ones count). */
export function isCounted(engagement: Engagement): boolean {
  return engagement.status !== 'RELEASED';
}

/** Engagements not yet completed nor released. */
export function isPending(engagement: Engagement): boolean {
  return (
    engagement.status === 'RESERVED' || engagement.status === 'ACCEPTED' || engagement.status === 'SCHEDULED'
  );
}

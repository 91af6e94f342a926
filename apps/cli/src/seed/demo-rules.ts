import type { ActivityKind, Channel, Department, Segment } from '@vouch/domain';

/** Which channel each kind of activity is used in. */
export const CHANNEL_OF: Record<ActivityKind, Channel> = {
  REFERENCE_CALL: 'PRIVATE',
  SITE_VISIT: 'PRIVATE',
  CASE_STUDY: 'WEB',
  QUOTE: 'WEB',
  LOGO: 'WEB',
  PRESS: 'PRESS',
  ANALYST: 'ANALYST',
  VIDEO: 'SOCIAL',
  SPEAKING: 'EVENT',
  ADVISORY_BOARD: 'PRIVATE',
  PEER_REVIEW: 'WEB',
  REFERRAL: 'PRIVATE',
};

/** How likely an advocate consents to each kind. */
export const CONSENT_LIKELIHOOD: readonly (readonly [ActivityKind, number])[] = [
  ['REFERENCE_CALL', 0.95],
  ['PEER_REVIEW', 0.45],
  ['QUOTE', 0.5],
  ['CASE_STUDY', 0.4],
  ['REFERRAL', 0.3],
  ['SITE_VISIT', 0.2],
  ['SPEAKING', 0.2],
  ['VIDEO', 0.15],
  ['PRESS', 0.15],
  ['ANALYST', 0.15],
  ['ADVISORY_BOARD', 0.15],
];

/** What each department asks for. */
export const KINDS_BY_DEPARTMENT: Record<Department, readonly (readonly [ActivityKind, number])[]> = {
  SALES: [
    ['REFERENCE_CALL', 80],
    ['SITE_VISIT', 10],
    ['PEER_REVIEW', 10],
  ],
  MARKETING: [
    ['CASE_STUDY', 40],
    ['QUOTE', 30],
    ['VIDEO', 15],
    ['SPEAKING', 15],
  ],
  PR: [['PRESS', 100]],
  PRODUCT: [['ADVISORY_BOARD', 100]],
  CUSTOMER_SUCCESS: [
    ['REFERENCE_CALL', 60],
    ['REFERRAL', 40],
  ],
  SUPPORT: [['PEER_REVIEW', 100]],
  ANALYST_RELATIONS: [['ANALYST', 100]],
};

export const CONTENT_KINDS = new Set<ActivityKind>(['CASE_STUDY', 'QUOTE', 'VIDEO']);
export const DEAL_SIZE: Record<Segment, readonly [number, number]> = {
  ENTERPRISE: [150_000, 900_000],
  MID_MARKET: [40_000, 200_000],
  SMB: [8_000, 40_000],
  PUBLIC_SECTOR: [60_000, 500_000],
};

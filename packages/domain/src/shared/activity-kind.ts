/** What an advocate can be asked to do. */
export const ACTIVITY_KINDS = [
  'REFERENCE_CALL',
  'SITE_VISIT',
  'CASE_STUDY',
  'QUOTE',
  'LOGO',
  'PRESS',
  'ANALYST',
  'VIDEO',
  'SPEAKING',
  'ADVISORY_BOARD',
  'PEER_REVIEW',
  'REFERRAL',
] as const;

export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

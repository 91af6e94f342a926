/** Customer segments an account can belong to. */
export const SEGMENTS = ['ENTERPRISE', 'MID_MARKET', 'SMB', 'PUBLIC_SECTOR'] as const;
export type Segment = (typeof SEGMENTS)[number];

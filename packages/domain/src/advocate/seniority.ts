/** Title level: what requesters see of an advocate before the advocate has accepted. */
export const SENIORITIES = ['C_LEVEL', 'VP', 'DIRECTOR', 'MANAGER', 'INDIVIDUAL_CONTRIBUTOR'] as const;
export type Seniority = (typeof SENIORITIES)[number];

/** Higher is more senior; used to compare against a request's minimum seniority. */
export function seniorityRank(seniority: Seniority): number {
  return SENIORITIES.length - SENIORITIES.indexOf(seniority);
}

/**
 * The roles of DESIGN.md; a user may hold several. A module of its own, importable as
 * `@vouch/domain/roles`, so a caller that needs only the names (the CLI's `vouch token`)
 * does not load the whole domain at start-up.
 */
export const ROLES = ['REQUESTER', 'ACCOUNT_OWNER', 'PROGRAM_MANAGER', 'AUDITOR', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

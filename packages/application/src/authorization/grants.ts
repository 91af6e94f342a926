import type { Role } from '@vouch/domain';

/**
 * How a caller must stand to the thing an operation touches (invariant 11). Each is decided
 * against facts the handler or query already holds (see `relationship-facts.ts`).
 */
export const RELATIONSHIPS = {
  /** Anything of the tenant: the role alone decides. */
  ANY: 'ANY',
  /** The caller acts for the account (of the advocate, nomination or command): its owner or an unexpired delegate. */
  ACTS_FOR_ACCOUNT: 'ACTS_FOR_ACCOUNT',
  /** The caller is the account's owner themself (only they, or an admin, delegate it). */
  OWNS_ACCOUNT: 'OWNS_ACCOUNT',
  /** The caller submitted the reference request (of the engagement). */
  REQUESTED_IT: 'REQUESTED_IT',
  /** The caller is the owner whose approval an ask of the request waits for. */
  APPROVES_ITS_ASKS: 'APPROVES_ITS_ASKS',
  /** The caller put the entry on the wishlist. */
  WISHED_IT: 'WISHED_IT',
} as const;
export type Relationship = keyof typeof RELATIONSHIPS;

/** Per role, the relationships under which it may perform an operation (any one suffices). */
export type Grant = Readonly<Partial<Record<Role, readonly Relationship[]>>>;

export const ANY: readonly Relationship[] = ['ANY'];
export const ACCOUNT: readonly Relationship[] = ['ACTS_FOR_ACCOUNT'];
export const OWN_REQUEST: readonly Relationship[] = ['REQUESTED_IT'];

/** Program managers only. */
export const PM: Grant = { PROGRAM_MANAGER: ANY };
/** The program; an account owner for their own accounts and those accounts' advocates and nominations. */
export const PM_OR_ACCOUNT: Grant = { PROGRAM_MANAGER: ANY, ACCOUNT_OWNER: ACCOUNT };
/** The program; whoever submitted the request (sales reps, and owners who ask too). */
export const PM_OR_REQUESTER: Grant = {
  PROGRAM_MANAGER: ANY,
  ACCOUNT_OWNER: OWN_REQUEST,
  REQUESTER: OWN_REQUEST,
};
/** Admins only. */
export const ADMIN: Grant = { ADMIN: ANY };
/** Readers of the whole record: the program, auditors, and admins. */
export const RECORD_READERS: Grant = { PROGRAM_MANAGER: ANY, AUDITOR: ANY, ADMIN: ANY };
/** Every role. */
export const EVERYONE: Grant = {
  PROGRAM_MANAGER: ANY,
  ACCOUNT_OWNER: ANY,
  REQUESTER: ANY,
  AUDITOR: ANY,
  ADMIN: ANY,
};

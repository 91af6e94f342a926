import type { Role } from './roles';

export { ROLES, type Role } from './roles';

/** Who issues a command: taken from a verified token, never from input. */
export interface Actor {
  readonly userId: string;
  readonly roles: readonly Role[];
}

/** The actor the system itself acts as (process managers, timers). */
export const SYSTEM_ACTOR: Actor = { userId: 'system', roles: ['PROGRAM_MANAGER'] };

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role);
}

import type { Actor, Role } from '@vouch/domain';

/**
 * The acting user of a command or query, as a verified token (or an embedding service)
 * states it: the tenant and roles never come from the operation's input.
 */
export interface Principal {
  readonly tenantId: string;
  readonly userId: string;
  readonly roles: readonly Role[];
}

/** The domain's view of a principal: who, in which roles. */
export function actorOf(principal: Principal): Actor {
  return { userId: principal.userId, roles: principal.roles };
}

/** The principal the system acts as in a tenant (process managers and timers). */
export function systemPrincipal(tenantId: string): Principal {
  return { tenantId, userId: 'system', roles: ['PROGRAM_MANAGER', 'ADMIN'] };
}

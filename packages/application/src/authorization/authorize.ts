import { DomainError, DomainErrorCode, type Actor, type Role } from '@vouch/domain';
import { isAllowed } from './ability';
import { PERMISSIONS, type Operation } from './permissions';

/**
 * Refuses an operation none of the actor's roles allows, before anything is read or decided.
 * Whether the relationship holds is decided later against the subject (`permits`).
 */
export function authorize(actor: Actor, operation: Operation): void {
  if (isAllowed(actor, operation)) return;
  const allowed = Object.keys(PERMISSIONS[operation]) as Role[];
  throw new DomainError(
    DomainErrorCode.FORBIDDEN,
    `You may not ${operation}: it needs one of the roles ${allowed.join(', ')}.`,
    { operation, requiredRoles: allowed },
  );
}

import { DomainError, DomainErrorCode, type Actor } from '@vouch/domain';
import { PERMISSIONS, type Operation } from './permissions';

/** Refuses an operation the actor's roles do not allow, before anything is read or decided. */
export function authorize(actor: Actor, operation: Operation): void {
  const allowed = PERMISSIONS[operation];
  if (!actor.roles.some((role) => allowed.includes(role))) {
    throw new DomainError(
      DomainErrorCode.FORBIDDEN,
      `You may not ${operation}: it needs one of the roles ${allowed.join(', ')}.`,
      { operation, requiredRoles: allowed },
    );
  }
}

/** Whether the actor's roles allow an operation. */
export function isAllowed(actor: Actor, operation: Operation): boolean {
  return actor.roles.some((role) => PERMISSIONS[operation].includes(role));
}

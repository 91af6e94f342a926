import { DomainError, DomainErrorCode, type Actor } from '@vouch/domain';
import { PERMISSIONS, type Operation } from './permissions';

/** Whether the actor's roles allow an operation. */
export function isAllowed(actor: Actor, operation: Operation): boolean {
  return actor.roles.some((role) => PERMISSIONS[operation].includes(role));
}

/** Refuses an operation the actor's roles do not allow, before anything is read or decided. */
export function authorize(actor: Actor, operation: Operation): void {
  if (isAllowed(actor, operation)) return;
  const allowed = PERMISSIONS[operation];
  throw new DomainError(
    DomainErrorCode.FORBIDDEN,
    `You may not ${operation}: it needs one of the roles ${allowed.join(', ')}.`,
    { operation, requiredRoles: allowed },
  );
}

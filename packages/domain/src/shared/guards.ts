import type { Actor } from './actor';
import { hasRole } from './actor';
import { DomainError, DomainErrorCode } from './domain-error';
import type { Instant } from './time';
import { validated } from './validator';

/** Refuses an illegal lifecycle transition (invariant 7) with what the state allows. */
export function invalidTransition(aggregate: string, id: string, from: string, command: string): DomainError {
  return new DomainError(
    DomainErrorCode.INVALID_TRANSITION,
    `${aggregate} ${id} is ${from}; "${command}" is not allowed from that state.`,
    { aggregate, id, from, command },
  );
}

export function notFound(aggregate: string, id: string): DomainError {
  return new DomainError(
    DomainErrorCode.NOT_FOUND,
    `${aggregate} ${id} does not exist. Create it first or check the id.`,
    { aggregate, id },
  );
}

export function alreadyExists(aggregate: string, id: string): DomainError {
  return new DomainError(
    DomainErrorCode.ALREADY_EXISTS,
    `${aggregate} ${id} already exists. Use a new id to create another one.`,
    { aggregate, id },
  );
}

/** Overrides of a gate are the program manager's call, and always carry a reason. */
export function requireProgramManager(actor: Actor, what: string): void {
  if (!hasRole(actor, 'PROGRAM_MANAGER')) {
    throw new DomainError(
      DomainErrorCode.FORBIDDEN,
      `Only a program manager may ${what}. Ask a program manager to do it.`,
      { requiredRole: 'PROGRAM_MANAGER' },
    );
  }
}

/** An activity is done after the ask that led to it (so after the request, too): fatigue counts it then. */
export function requireNotBeforeAsk(completedAt: Instant, askedAt: Instant | undefined): void {
  if (askedAt === undefined) return;
  validated((v) =>
    v.order('completedAt', askedAt, completedAt, `must not be before the ask (${askedAt})`, false),
  );
}

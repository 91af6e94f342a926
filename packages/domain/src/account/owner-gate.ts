import type { Actor } from '../shared/actor';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { requireProgramManager } from '../shared/guards';

/** How an ask was cleared: by the account owner, or by a program manager's override. */
export interface AskClearance {
  readonly kind: 'OWNER' | 'OVERRIDE' | 'SELF_SERVE' | 'PM_FULFILLED';
  readonly by: string;
  readonly reason: string | undefined;
}

/** Invariant 3, the advocate's side: no silent asks; an override is a program manager's and says why. */
export function requireOwnerClearance(advocateId: string, clearance: AskClearance, actor: Actor): void {
  if (clearance.kind === 'OVERRIDE' && clearance.reason === undefined) {
    throw new DomainError(
      DomainErrorCode.OWNER_APPROVAL_REQUIRED,
      `Asking advocate ${advocateId} needs the account owner's approval, or a program manager's override with a reason.`,
      { advocateId },
    );
  }
  if (clearance.kind === 'OVERRIDE') requireProgramManager(actor, "override the account owner's approval");
  if (clearance.kind === 'PM_FULFILLED') requireProgramManager(actor, 'fulfil a request without the owner');
}

/**
 * Invariant 3, the request's side: only who acts for the advocate's account now (its owner or an
 * unexpired delegate, invariant 11) approves or declines an ask, nobody else in their name.
 */
export function requireOwnerDecides(
  candidate: { readonly advocateId: string; readonly ownerId: string },
  approvers: readonly string[],
  by: string,
): void {
  if (approvers.includes(by)) return;
  const ownerId = approvers[0] ?? candidate.ownerId;
  throw new DomainError(
    DomainErrorCode.FORBIDDEN,
    `Only the account owner (${ownerId}) may approve or decline asking advocate ${candidate.advocateId}; a program manager may override.`,
    { advocateId: candidate.advocateId, ownerId },
  );
}

/**
 * Invariant 3 before an ask: the owner approved it, or a program manager overrode; or, where the
 * program set the kind to PM_FULFILLED, a program manager asks a candidate the owner has not
 * declined. Returns how.
 */
export function requireOwnerApproved(
  candidate: {
    readonly advocateId: string;
    readonly ownerId: string;
    readonly status: string;
    readonly clearance?: 'OWNER' | 'OVERRIDE' | 'SELF_SERVE';
  },
  pmFulfilled = false,
): 'OWNER' | 'OVERRIDE' | 'PM_FULFILLED' {
  const { status, clearance } = candidate;
  if (status === 'OWNER_APPROVED' && (clearance === 'OWNER' || clearance === 'OVERRIDE')) return clearance;
  if (pmFulfilled && (status === 'SHORTLISTED' || status === 'APPROVAL_REQUESTED')) return 'PM_FULFILLED';
  throw new DomainError(
    DomainErrorCode.OWNER_APPROVAL_REQUIRED,
    `Advocate ${candidate.advocateId} cannot be asked yet: the account owner (${candidate.ownerId}) has not approved. ` +
      'Request their approval, or ask a program manager to override with a reason.',
    { advocateId: candidate.advocateId, ownerId: candidate.ownerId, candidateStatus: candidate.status },
  );
}

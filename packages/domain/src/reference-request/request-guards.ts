import { hasRole } from '../shared/actor';
import type { DecisionContext } from '../shared/decision-context';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { invalidTransition, notFound } from '../shared/guards';
import type {
  Candidate,
  CandidateStatus,
  ReferenceRequestState,
  RequestStatus,
} from './reference-request-state';

/** Statuses of a request still open to its candidates' steps. */
export const OPEN: readonly RequestStatus[] = [
  'SUBMITTED',
  'TRIAGED',
  'SHORTLISTED',
  'IN_PROGRESS',
  'FULFILLED',
  'COMPLETED',
];
/** Statuses of a request whose candidates are being worked. */
export const WORKING: readonly RequestStatus[] = ['SHORTLISTED', 'IN_PROGRESS', 'FULFILLED', 'COMPLETED'];

/** The candidate with this id, in one of the `allowed` statuses (invariant 7). */
export function requireCandidate(
  state: ReferenceRequestState,
  advocateId: string,
  allowed: readonly CandidateStatus[],
  command: string,
): Candidate {
  const candidate = state.candidates[advocateId];
  if (!candidate) throw notFound('Candidate', advocateId);
  if (!allowed.includes(candidate.status))
    throw invalidTransition('Candidate', advocateId, candidate.status, command);
  return candidate;
}

/** Refuses a command from any request status but `allowed` (invariant 7). */
export function requireRequestStatus(
  state: ReferenceRequestState,
  allowed: readonly RequestStatus[],
  command: string,
): void {
  if (!allowed.includes(state.status))
    throw invalidTransition('Reference request', state.requestId, state.status, command);
}

/** Only the requester or a program manager may speak for the request's result. */
export function requireRequesterOrManager(
  state: ReferenceRequestState,
  context: DecisionContext,
  what: string,
): void {
  if (context.actor.userId !== state.requestedBy && !hasRole(context.actor, 'PROGRAM_MANAGER')) {
    throw new DomainError(DomainErrorCode.FORBIDDEN, `Only the requester or a program manager may ${what}.`, {
      requestId: state.requestId,
    });
  }
}

/** Every command but submission needs a submitted request. */
export function requireSubmitted(state: ReferenceRequestState): void {
  if (state.status === 'NONE') throw notFound('Reference request', '(not submitted)');
}

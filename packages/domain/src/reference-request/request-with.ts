import type { EveryMember } from '../shared/every-member';
import type { Candidate, ReferenceRequestState } from './reference-request-state';

// As for the advocate (`advocate-with.ts`): a fold's spread of a spread takes V8's slow clone on
// Node 20; the members written out, then the change assigned over them, do not.

/** A new request state: `state`'s members, then `change` over them (`state` is left as it is). */
export function requestWith(
  state: ReferenceRequestState,
  change: Partial<ReferenceRequestState>,
): ReferenceRequestState {
  const next: EveryMember<ReferenceRequestState> = {
    requestId: state.requestId,
    status: state.status,
    requestedBy: state.requestedBy,
    department: state.department,
    kind: state.kind,
    advocatesNeeded: state.advocatesNeeded,
    opportunity: state.opportunity,
    criteria: state.criteria,
    dueBy: state.dueBy,
    submittedAt: state.submittedAt,
    priority: state.priority,
    candidates: state.candidates,
    outcome: state.outcome,
  };
  return Object.assign(next, change);
}

/** A new candidate: `candidate`'s members, then `change` over them. */
export function candidateWith(candidate: Candidate, change: Partial<Candidate>): Candidate {
  const next: EveryMember<Candidate> = {
    advocateId: candidate.advocateId,
    accountId: candidate.accountId,
    ownerId: candidate.ownerId,
    score: candidate.score,
    breakdown: candidate.breakdown,
    status: candidate.status,
    clearance: candidate.clearance,
    clearedBy: candidate.clearedBy,
    clearanceReason: candidate.clearanceReason,
    engagementId: candidate.engagementId,
    askedAt: candidate.askedAt,
    rating: candidate.rating,
    schedule: candidate.schedule,
  };
  return Object.assign(next, change);
}

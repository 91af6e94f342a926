import type { EveryMember } from '../shared/every-member';
import type { Candidate } from './reference-request-state';
import type { AdvocateTakenFromPool } from './self-serve-rules';

/** The candidate a self-serve take adds to the request: asked at once, cleared by the owner's pre-approval (every member named, see EveryMember). */
export function candidateTakenFromPool(taken: AdvocateTakenFromPool['data']): Candidate {
  return {
    advocateId: taken.advocateId,
    accountId: taken.accountId,
    ownerId: taken.ownerId,
    score: 0,
    breakdown: [],
    status: 'ASKED',
    clearance: 'SELF_SERVE',
    clearedBy: taken.ownerId,
    engagementId: taken.engagementId,
    askedAt: taken.takenAt,
    clearanceReason: undefined,
    rating: undefined,
    schedule: undefined,
  } satisfies EveryMember<Candidate>;
}

import type { CandidateMatches } from './candidate-matching';

/** Candidates for a recorded request, and whom matching left out because they already are its candidates. */
export interface RequestMatches extends CandidateMatches {
  /**
   * Advocates left out of both lists because they already are candidates of the request
   * (shortlisted, asked or further along), in the order they became candidates.
   */
  readonly alreadyCandidates: readonly string[];
}

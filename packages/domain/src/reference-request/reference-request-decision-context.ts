import type { DecisionContext } from '../shared/decision-context';

/** What a request's decision may know beyond its stream: who acts for a candidate's account now. */
export interface ReferenceRequestDecisionContext extends DecisionContext {
  /**
   * The owner and unexpired delegates of an account now (invariant 11: reassigning the owner
   * moves who approves its asks). Without it, the owner recorded when the candidate was shortlisted.
   */
  readonly accountActors?: (accountId: string) => readonly string[];
}

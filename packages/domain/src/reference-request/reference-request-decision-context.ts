import type { SelfServePreApproval } from '../advocate/self-serve-pool';
import type { ProgramPolicies } from '../program/program-policies';
import type { DecisionContext } from '../shared/decision-context';

/** What a request's decision may know beyond its stream: who acts for a candidate's account now. */
export interface ReferenceRequestDecisionContext extends DecisionContext {
  /**
   * The owner and unexpired delegates of an account now (invariant 11: reassigning the owner
   * moves who approves its asks). Without it, the owner recorded when the candidate was shortlisted.
   */
  readonly accountActors?: (accountId: string) => readonly string[];
  /** The program's policies (its request modes), when the command declared it needs them. */
  readonly policies?: ProgramPolicies;
  /** An advocate's account and the owner's self-serve pre-approvals, when declared. */
  readonly selfServePoolOf?: (
    advocateId: string,
  ) =>
    | { readonly accountId: string; readonly preApprovals: Readonly<Record<string, SelfServePreApproval>> }
    | undefined;
}

import type { ActiveSuppression } from '../account/account-suppression-state';
import type { ProgramPolicies } from '../program/program-policies';
import type { DecisionContext } from '../shared/decision-context';

/** The advocate decider needs the program's policies (fatigue limits, reward caps). */
export interface AdvocateDecisionContext extends DecisionContext {
  readonly policies: ProgramPolicies;
  /** The suppressions of the advocate's account, when the decision declared it needs them. */
  readonly accountSuppressions?: readonly ActiveSuppression[];
}

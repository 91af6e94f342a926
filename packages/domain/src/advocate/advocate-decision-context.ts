import type { ProgramPolicies } from '../program/program-policies';
import type { DecisionContext } from '../shared/decision-context';

/** The advocate decider needs the program's policies (fatigue limits, reward caps). */
export interface AdvocateDecisionContext extends DecisionContext {
  readonly policies: ProgramPolicies;
}

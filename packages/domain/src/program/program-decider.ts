import { commandRules } from '../shared/command-handlers';
import type { Decider } from '../shared/decider';
import type { DecisionContext } from '../shared/decision-context';
import { requireProgramManager } from '../shared/guards';
import type { ProgramCommand } from './program-commands';
import type { ProgramEvent } from './program-events';
import { planParsers, planRules } from './program-plan-rules';
import { policyParsers, policyRules } from './program-policy-rules';
import { requestModeParsers, requestModeRules } from './request-mode-rules';
import { suppressionPolicyParsers, suppressionPolicyRules } from './program-suppression-rules';
import { schedulingPolicyParsers, schedulingPolicyRules } from './scheduling-policy';
import { evolveProgram, initialProgramState, type ProgramState } from './program-state';

export { initialProgramState, type ProgramState } from './program-state';

/** The program's rules: policies and plans, each command one named rule after one parse step. */
const PROGRAM_RULES = commandRules<ProgramCommand, ProgramState, ProgramEvent, DecisionContext>()(
  {
    ...policyParsers,
    ...planParsers,
    ...requestModeParsers,
    ...suppressionPolicyParsers,
    ...schedulingPolicyParsers,
  },
  { ...policyRules, ...planRules, ...requestModeRules, ...suppressionPolicyRules, ...schedulingPolicyRules },
  (command, _state, context) => {
    // Policies and targets are the program manager's; anyone in sales may add to the wishlist.
    if (command.type !== 'AddToWishlist' && command.type !== 'RemoveFromWishlist') {
      requireProgramManager(context.actor, 'change program policies or coverage targets');
    }
  },
);

/** A program command whose payload has been checked. */
export type ParsedProgramCommand = ReturnType<typeof PROGRAM_RULES.parse>;

/** The parse step: checks a program command's payload (VALIDATION errors) before any rule runs. */
export const parseProgramCommand = PROGRAM_RULES.parse;

/** The Program decider: one stream per tenant holding its policies and plans. */
export const programDecider: Decider<ProgramCommand, ProgramState, ProgramEvent> = {
  name: 'Program',
  initialState: initialProgramState,
  decide: PROGRAM_RULES.decide,
  evolve: evolveProgram,
};

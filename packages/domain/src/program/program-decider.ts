import {
  handleWith,
  parseWith,
  type CommandHandlers,
  type CommandParsers,
  type ParsedCommand,
} from '../shared/command-handlers';
import type { Decider } from '../shared/decider';
import type { DecisionContext } from '../shared/decision-context';
import { requireProgramManager } from '../shared/guards';
import type { ProgramCommand } from './program-commands';
import type { ProgramEvent } from './program-events';
import { planParsers, planRules } from './program-plan-rules';
import { policyParsers, policyRules } from './program-policy-rules';
import { evolveProgram, initialProgramState, type ProgramState } from './program-state';

export { initialProgramState, type ProgramState } from './program-state';

const PROGRAM_PARSERS = { ...policyParsers, ...planParsers } satisfies CommandParsers<
  ProgramCommand,
  DecisionContext
>;

/** A program command whose payload has been checked. */
export type ParsedProgramCommand = ParsedCommand<typeof PROGRAM_PARSERS>;

/** The parse step: checks a program command's payload (VALIDATION errors) before any rule runs. */
export function parseProgramCommand(command: ProgramCommand, context: DecisionContext): ParsedProgramCommand {
  return parseWith(PROGRAM_PARSERS, command, context);
}

/** One named rule per program command; the compiler checks none is missing. */
const PROGRAM_RULES: CommandHandlers<typeof PROGRAM_PARSERS, ProgramState, ProgramEvent, DecisionContext> = {
  ...policyRules,
  ...planRules,
};

function decide(command: ProgramCommand, state: ProgramState, context: DecisionContext): ProgramEvent[] {
  // Policies and targets are the program manager's; anyone in sales may add to the wishlist.
  if (command.type !== 'AddToWishlist' && command.type !== 'RemoveFromWishlist') {
    requireProgramManager(context.actor, 'change program policies or coverage targets');
  }
  return handleWith(PROGRAM_RULES, parseProgramCommand(command, context), state, context);
}

/** The Program decider: one stream per tenant holding its policies and plans. */
export const programDecider: Decider<ProgramCommand, ProgramState, ProgramEvent> = {
  name: 'Program',
  initialState: initialProgramState,
  decide,
  evolve: evolveProgram,
};

import {
  handleWith,
  parseWith,
  type CommandHandlers,
  type CommandParsers,
  type ParsedCommand,
} from '../shared/command-handlers';
import type { Decider } from '../shared/decider';
import { invalidTransition, notFound } from '../shared/guards';
import type { NominationCommand } from './nomination-commands';
import type { NominationEvent } from './nomination-events';
import { nominationParsers, nominationRules } from './nomination-rules';
import {
  evolveNomination,
  initialNominationState,
  type NominationDecisionContext,
  type NominationState,
} from './nomination-state';

export * from './nomination-state';

const NOMINATION_PARSERS = nominationParsers satisfies CommandParsers<
  NominationCommand,
  NominationDecisionContext
>;

/** A nomination command whose payload has been checked. */
export type ParsedNominationCommand = ParsedCommand<typeof NOMINATION_PARSERS>;

/** The parse step: checks a nomination command's payload (VALIDATION errors) before any rule runs. */
export function parseNominationCommand(
  command: NominationCommand,
  context: NominationDecisionContext,
): ParsedNominationCommand {
  return parseWith(NOMINATION_PARSERS, command, context);
}

/** One named rule per nomination command; the compiler checks none is missing. */
const NOMINATION_RULES: CommandHandlers<
  typeof NOMINATION_PARSERS,
  NominationState,
  NominationEvent,
  NominationDecisionContext
> = nominationRules;

function decide(
  command: NominationCommand,
  state: NominationState,
  context: NominationDecisionContext,
): NominationEvent[] {
  if (command.type !== 'SubmitNomination') {
    if (state.status === 'NONE') throw notFound('Nomination', '(not submitted)');
    if (state.status !== 'SUBMITTED')
      throw invalidTransition('Nomination', state.nominationId, state.status, command.type);
  }
  return handleWith(NOMINATION_RULES, parseNominationCommand(command, context), state, context);
}

/** The Nomination decider: a proposal that a customer contact become an advocate. */
export const nominationDecider: Decider<
  NominationCommand,
  NominationState,
  NominationEvent,
  NominationDecisionContext
> = {
  name: 'Nomination',
  initialState: initialNominationState,
  decide,
  evolve: evolveNomination,
};

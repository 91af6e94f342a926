import { commandRules } from '../shared/command-handlers';
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

/** The nomination's rules, each command one named rule after one parse step. */
const NOMINATION_RULES = commandRules<
  NominationCommand,
  NominationState,
  NominationEvent,
  NominationDecisionContext
>()(nominationParsers, nominationRules, (command, state) => {
  if (command.type === 'SubmitNomination') return;
  if (state.status === 'NONE') throw notFound('Nomination', '(not submitted)');
  if (state.status !== 'SUBMITTED')
    throw invalidTransition('Nomination', state.nominationId, state.status, command.type);
});

/** A nomination command whose payload has been checked. */
export type ParsedNominationCommand = ReturnType<typeof NOMINATION_RULES.parse>;

/** The parse step: checks a nomination command's payload (VALIDATION errors) before any rule runs. */
export const parseNominationCommand = NOMINATION_RULES.parse;

/** The Nomination decider: a proposal that a customer contact become an advocate. */
export const nominationDecider: Decider<
  NominationCommand,
  NominationState,
  NominationEvent,
  NominationDecisionContext
> = {
  name: 'Nomination',
  initialState: initialNominationState,
  decide: NOMINATION_RULES.decide,
  evolve: evolveNomination,
};

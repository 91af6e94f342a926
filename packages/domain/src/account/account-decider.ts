import {
  handleWith,
  parseWith,
  type CommandHandlers,
  type CommandParsers,
  type ParsedCommand,
} from '../shared/command-handlers';
import type { Decider } from '../shared/decider';
import type { DecisionContext } from '../shared/decision-context';
import { invalidTransition, notFound } from '../shared/guards';
import type { AccountCommand } from './account-commands';
import type { AccountEvent } from './account-events';
import { accountParsers, accountRules } from './account-rules';
import { evolveAccount, initialAccountState, type AccountState } from './account-state';

export * from './account-state';

const ACCOUNT_PARSERS = accountParsers satisfies CommandParsers<AccountCommand, DecisionContext>;

/** An account command whose payload has been checked. */
export type ParsedAccountCommand = ParsedCommand<typeof ACCOUNT_PARSERS>;

/** The parse step: checks an account command's payload (VALIDATION errors) before any rule runs. */
export function parseAccountCommand(command: AccountCommand, context: DecisionContext): ParsedAccountCommand {
  return parseWith(ACCOUNT_PARSERS, command, context);
}

/** One named rule per account command; the compiler checks none is missing. */
const ACCOUNT_RULES: CommandHandlers<typeof ACCOUNT_PARSERS, AccountState, AccountEvent, DecisionContext> =
  accountRules;

function decide(command: AccountCommand, state: AccountState, context: DecisionContext): AccountEvent[] {
  if (command.type !== 'RegisterAccount') {
    if (state.status === 'NONE') throw notFound('Account', '(unregistered)');
    if (state.status === 'ARCHIVED')
      throw invalidTransition('Account', state.accountId, state.status, command.type);
  }
  return handleWith(ACCOUNT_RULES, parseAccountCommand(command, context), state, context);
}

/** The Account decider: a customer organisation. */
export const accountDecider: Decider<AccountCommand, AccountState, AccountEvent> = {
  name: 'Account',
  initialState: initialAccountState,
  decide,
  evolve: evolveAccount,
};

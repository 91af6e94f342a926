import { commandRules } from '../shared/command-handlers';
import type { Decider } from '../shared/decider';
import { invalidTransition, notFound } from '../shared/guards';
import type { AccountCommand } from './account-commands';
import type { AccountEvent } from './account-events';
import { accountParsers, accountRules } from './account-rules';
import {
  reviewed,
  suppressionParsers,
  suppressionRules,
  type AccountDecisionContext,
} from './account-suppression-rules';
import { evolveAccount, initialAccountState, type AccountState } from './account-state';

export * from './account-state';

/** The account's rules, each command one named rule after one parse step. */
const ACCOUNT_RULES = commandRules<AccountCommand, AccountState, AccountEvent, AccountDecisionContext>()(
  { ...accountParsers, ...suppressionParsers },
  {
    ...accountRules,
    ...suppressionRules,
    // A new health score may start or end the health suppression rule.
    RecordAccountHealth: (d, state, context) =>
      reviewed(accountRules.RecordAccountHealth(d, state, context), state, context),
  },
  (command, state) => {
    if (command.type === 'RegisterAccount') return;
    if (state.status === 'NONE') throw notFound('Account', '(unregistered)');
    if (state.status === 'ARCHIVED')
      throw invalidTransition('Account', state.accountId, state.status, command.type);
  },
);

/** An account command whose payload has been checked. */
export type ParsedAccountCommand = ReturnType<typeof ACCOUNT_RULES.parse>;

/** The parse step: checks an account command's payload (VALIDATION errors) before any rule runs. */
export const parseAccountCommand = ACCOUNT_RULES.parse;

/** The Account decider: a customer organisation. */
export const accountDecider: Decider<AccountCommand, AccountState, AccountEvent, AccountDecisionContext> = {
  name: 'Account',
  initialState: initialAccountState,
  decide: ACCOUNT_RULES.decide,
  evolve: evolveAccount,
};

import type { DecisionNeeds } from '../shared/decision-needs';
import type { AccountCommand } from './account-commands';
import type { AccountState } from './account-state';

// The commands that may start or end an automatic suppression read the program's rules.
const REVIEWS_SUPPRESSION = new Set<string>([
  'RecordAccountHealth',
  'SetAccountRenewal',
  'OpenAccountEscalation',
  'CloseAccountEscalation',
  'ReviewAccountSuppression',
]);

/** An account decision that may change a suppression needs the program's suppression policy. */
export const accountNeeds: DecisionNeeds<AccountCommand, AccountState> = {
  needs: (command) => (REVIEWS_SUPPRESSION.has(command.type) ? [{ kind: 'policies' }] : []),
};

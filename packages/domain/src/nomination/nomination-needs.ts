import type { DecisionNeeds } from '../shared/decision-needs';
import type { NominationCommand } from './nomination-commands';
import type { NominationState } from './nomination-decider';

/** A nomination needs the program's policies and, when submitted, the facts of the account it names. */
export const nominationNeeds: DecisionNeeds<NominationCommand, NominationState> = {
  needs: (command) => [
    { kind: 'policies' },
    command.type === 'SubmitNomination' &&
    typeof command.data.accountId === 'string' &&
    command.data.accountId
      ? { kind: 'nominatedAccount', accountId: command.data.accountId }
      : { kind: 'nominatedAccount' },
  ],
};

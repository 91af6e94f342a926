import type { DecisionNeeds } from '../shared/decision-needs';
import type { AdvocateCommand } from './advocate-commands';
import type { AdvocateState } from './advocate-state';

/**
 * Every advocate decision may hold a gate of the program's policies (fatigue, consent rules);
 * a new ask also holds the suppression gate of the advocate's account.
 */
export const advocateNeeds: DecisionNeeds<AdvocateCommand, AdvocateState> = {
  needs: (command, state) =>
    command.type === 'ReserveEngagement'
      ? [{ kind: 'policies' }, { kind: 'accountSuppressions', accountId: state().accountId }]
      : [{ kind: 'policies' }],
};

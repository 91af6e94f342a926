import type { DecisionNeeds } from '../shared/decision-needs';
import type { AdvocateCommand } from './advocate-commands';
import type { AdvocateState } from './advocate-state';

/**
 * Every advocate decision may hold a gate of the program's policies (fatigue, consent rules);
 * the owner's self-serve pre-approvals also need who acts for the advocate's account now; a new
 * ask also holds the suppression gate of the advocate's account.
 */
export const advocateNeeds: DecisionNeeds<AdvocateCommand, AdvocateState> = {
  needs: (command, state) =>
    command.type === 'PreApproveSelfServe' || command.type === 'RevokeSelfServePreApproval'
      ? [{ kind: 'policies' }, { kind: 'accountActors', accountId: state().accountId }]
      : command.type === 'ReserveEngagement'
        ? [{ kind: 'policies' }, { kind: 'accountSuppressions', accountId: state().accountId }]
        : [{ kind: 'policies' }],
};

import type { DecisionNeeds } from '../shared/decision-needs';
import type { ReferenceRequestCommand } from './reference-request-commands';
import type { ReferenceRequestState } from './reference-request-state';

/** An owner's approval or decline needs who acts for the candidate's account now (invariant 11). */
export const referenceRequestNeeds: DecisionNeeds<ReferenceRequestCommand, ReferenceRequestState> = {
  needs: (command, state) => {
    // Self-serve reads the program's modes and the owner's pre-approvals of the advocate.
    // An ask reads the program's modes (PM_FULFILLED asks without the owner's approval).
    if (command.type === 'AskAdvocate') return [{ kind: 'policies' }];
    if (command.type === 'TakeFromSelfServePool') {
      return [{ kind: 'policies' }, { kind: 'selfServePool', advocateId: String(command.data.advocateId) }];
    }
    if (command.type !== 'ApproveAsk' && command.type !== 'DeclineAsk') return [];
    const candidate = state().candidates[String(command.data.advocateId)];
    return candidate ? [{ kind: 'accountActors', accountId: candidate.accountId }] : [];
  },
};

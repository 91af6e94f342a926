import type { ProgramPolicies } from '../program/program-policies';
import type { DecisionContext } from '../shared/decision-context';
import type { NominationEvent } from './nomination-events';

/** What the nomination decider must know of the nominated account. */
export interface NominatedAccountFacts {
  readonly exists: boolean;
  readonly archived: boolean;
  readonly ownerId?: string;
  /** The latest health score, if measured. */
  readonly healthScore?: number;
}

export interface NominationDecisionContext extends DecisionContext {
  readonly policies: ProgramPolicies;
  readonly account: NominatedAccountFacts;
}

export type NominationStatus = 'NONE' | 'SUBMITTED' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN';

export interface NominationState {
  readonly nominationId: string;
  readonly status: NominationStatus;
  readonly accountId?: string;
  readonly candidateId?: string;
  readonly nominatedBy?: string;
}

export const initialNominationState: NominationState = { nominationId: '', status: 'NONE' };

/** Folds one nomination event into the nomination's state. */
export function evolveNomination(state: NominationState, event: NominationEvent): NominationState {
  switch (event.type) {
    case 'NominationSubmitted':
      return {
        nominationId: event.data.nominationId,
        status: 'SUBMITTED',
        accountId: event.data.accountId,
        candidateId: event.data.candidateId,
        nominatedBy: event.data.nominatedBy,
      };
    case 'NominationApproved':
      return { ...state, status: 'APPROVED' };
    case 'NominationRejected':
      return { ...state, status: 'REJECTED' };
    case 'NominationWithdrawn':
      return { ...state, status: 'WITHDRAWN' };
    default:
      return state;
  }
}

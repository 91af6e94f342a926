import type { ProgramEvent, WishlistEntry } from './program-events';
import {
  DEFAULT_PROGRAM_POLICIES,
  coverageKey,
  type CoverageTarget,
  type ProgramPolicies,
} from './program-policies';
import { recordWith } from '../shared/record-with';

/** A tenant's program: its policies, coverage targets and the sales wishlist. */
export interface ProgramState {
  readonly policies: ProgramPolicies;
  readonly coverageTargets: Readonly<Record<string, CoverageTarget>>;
  readonly wishlist: Readonly<Record<string, WishlistEntry>>;
}

export const initialProgramState: ProgramState = {
  policies: DEFAULT_PROGRAM_POLICIES,
  coverageTargets: {},
  wishlist: {},
};

/** Folds one program event into the program's state. */
export function evolveProgram(state: ProgramState, event: ProgramEvent): ProgramState {
  const policies = state.policies;
  switch (event.type) {
    case 'FatiguePolicySet':
      return { ...state, policies: { ...policies, fatigue: event.data.policy } };
    case 'RequestSlaPolicySet':
      return { ...state, policies: { ...policies, sla: event.data.policy } };
    case 'RewardPolicySet':
      return { ...state, policies: { ...policies, reward: event.data.policy } };
    case 'FreshnessPolicySet':
      return { ...state, policies: { ...policies, freshness: event.data.policy } };
    case 'NominationPolicySet':
      return { ...state, policies: { ...policies, nomination: event.data.policy } };
    case 'RetentionPolicySet':
      return { ...state, policies: { ...policies, retention: event.data.policy } };
    case 'RequestModePolicySet':
      return { ...state, policies: { ...policies, requestModes: event.data.policy } };
    case 'SuppressionPolicySet':
      return { ...state, policies: { ...policies, suppression: event.data.policy } };
    case 'CoverageTargetSet':
      return {
        ...state,
        coverageTargets: { ...state.coverageTargets, [coverageKey(event.data.target)]: event.data.target },
      };
    case 'CoverageTargetRemoved': {
      const { [coverageKey(event.data)]: _removed, ...rest } = state.coverageTargets;
      return { ...state, coverageTargets: rest };
    }
    case 'AccountWishlisted':
      return { ...state, wishlist: recordWith(state.wishlist, event.data.wishId, event.data) };
    case 'WishlistEntryRemoved': {
      const { [event.data.wishId]: _removed, ...rest } = state.wishlist;
      return { ...state, wishlist: rest };
    }
    default:
      return state;
  }
}

import type { EveryMember } from '../shared/every-member';
import type { AccountState } from './account-state';

// Members written out, not spread: a state read back from a snapshot has lost its `undefined`
// members, and `{ ...state, health }` would append them after the others, so a restored fold would
// differ from a straight one in member order (and in hidden class; see EveryMember).

/** A new account state: `state`'s members in their one order, then `change` over them. */
export function accountWith(state: AccountState, change: Partial<AccountState>): AccountState {
  const next: EveryMember<AccountState> = {
    accountId: state.accountId,
    status: state.status,
    profile: state.profile,
    ownerId: state.ownerId,
    health: state.health,
    consents: state.consents,
    delegations: state.delegations,
    renewalAt: state.renewalAt,
    openEscalations: state.openEscalations,
    suppressions: state.suppressions,
  };
  return Object.assign(next, change);
}

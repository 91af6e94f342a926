import type { Consent } from '../consent/consent';
import { evolveConsents } from '../consent/consent-decisions';
import type { EveryMember } from '../shared/every-member';
import type { Instant } from '../shared/time';
import type { AccountEvent, AccountProfile } from './account-events';
import type { AccountDelegation } from './account-delegation';
import { accountSuppressionChange, type AccountSuppressionState } from './account-suppression-state';
import { recordWith } from '../shared/record-with';
import { accountWith } from './account-with';

export type AccountStatus = 'ACTIVE' | 'ARCHIVED';

export interface AccountHealth {
  readonly healthScore: number;
  readonly nps?: number;
  readonly csat?: number;
  readonly measuredAt: Instant;
}

/** A customer organisation: profile, owner, health and the company's own consents. */
export interface AccountState extends AccountSuppressionState {
  readonly accountId: string;
  /** `NONE` until registered. */
  readonly status: AccountStatus | 'NONE';
  readonly profile?: AccountProfile;
  readonly ownerId?: string;
  readonly health?: AccountHealth;
  readonly consents: Readonly<Record<string, Consent>>;
  /** Colleagues acting for the owner, by user id; a new owner starts without any. */
  readonly delegations: Readonly<Record<string, AccountDelegation>>;
}

// Every member named, so that each spread in `evolveAccount` overrides and never adds (see EveryMember).
export const initialAccountState: AccountState = {
  accountId: '',
  status: 'NONE',
  profile: undefined,
  ownerId: undefined,
  health: undefined,
  consents: {},
  delegations: {},
  renewalAt: undefined,
  openEscalations: undefined,
  suppressions: undefined,
} satisfies EveryMember<AccountState>;

/** Folds one account event into the account's state. */
export function evolveAccount(state: AccountState, event: AccountEvent): AccountState {
  switch (event.type) {
    case 'AccountRegistered': {
      const { accountId, ownerId, registeredAt: _at, ...profile } = event.data;
      return accountWith(state, { accountId, ownerId, profile, status: 'ACTIVE' });
    }
    case 'AccountProfileUpdated': {
      const { accountId: _id, ...profile } = event.data;
      return accountWith(state, { profile });
    }
    case 'AccountOwnerReassigned':
      // The relationship moves: the previous owner's delegations end with their ownership.
      return accountWith(state, { ownerId: event.data.ownerId, delegations: {} });
    case 'AccountDelegated': {
      const { delegateId, until, delegatedBy } = event.data;
      return accountWith(state, {
        delegations: recordWith(state.delegations, delegateId, { until, delegatedBy }),
      });
    }
    case 'AccountDelegationRevoked': {
      // Spread, not destructure: snapshots taken before delegations existed have none.
      const delegations: Record<string, AccountDelegation> = { ...state.delegations };
      delete delegations[event.data.delegateId];
      return accountWith(state, { delegations });
    }
    case 'AccountHealthRecorded': {
      const { healthScore, nps, csat, measuredAt } = event.data;
      return accountWith(state, { health: { healthScore, nps, csat, measuredAt } });
    }
    case 'AccountConsentGranted':
      return accountWith(state, {
        consents: evolveConsents(state.consents, { type: 'granted', data: event.data }),
      });
    case 'AccountConsentRenewed':
      return accountWith(state, {
        consents: evolveConsents(state.consents, { type: 'renewed', data: event.data }),
      });
    case 'AccountConsentWithdrawn':
      return accountWith(state, {
        consents: evolveConsents(state.consents, { type: 'withdrawn', data: event.data }),
      });
    case 'AccountArchived':
      return accountWith(state, { status: 'ARCHIVED' });
    default: {
      const change = accountSuppressionChange(state, event);
      return change ? accountWith(state, change) : state;
    }
  }
}

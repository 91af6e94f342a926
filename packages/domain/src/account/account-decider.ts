import type { Consent } from '../consent/consent';
import {
  decideConsentGrant,
  decideConsentRenewal,
  decideConsentWithdrawal,
  evolveConsents,
} from '../consent/consent-decisions';
import type { Decider } from '../shared/decider';
import type { DecisionContext } from '../shared/decision-context';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { alreadyExists, invalidTransition, notFound } from '../shared/guards';
import { isAfter, type Instant } from '../shared/time';
import { validated, type Validator } from '../shared/validator';
import type { AccountCommand, AccountProfileData } from './account-commands';
import type { AccountEvent, AccountProfile } from './account-events';
import type { AccountDelegation } from './account-delegation';
import { SEGMENTS } from './segment';

export type AccountStatus = 'ACTIVE' | 'ARCHIVED';

export interface AccountHealth {
  readonly healthScore: number;
  readonly nps?: number;
  readonly csat?: number;
  readonly measuredAt: Instant;
}

/** A customer organisation: profile, owner, health and the company's own consents. */
export interface AccountState {
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

export const initialAccountState: AccountState = {
  accountId: '',
  status: 'NONE',
  consents: {},
  delegations: {},
};

function readProfile(v: Validator, d: AccountProfileData): AccountProfile {
  return {
    name: v.text('name', d.name, { max: 200 }),
    industry: v.text('industry', d.industry, { max: 80 }),
    segment: v.oneOf('segment', d.segment, SEGMENTS),
    region: v.text('region', d.region, { max: 80 }),
    products: v.tags('products', d.products),
  };
}

function decide(command: AccountCommand, state: AccountState, context: DecisionContext): AccountEvent[] {
  if (command.type === 'RegisterAccount') {
    const data = validated((v) => ({
      accountId: v.id('accountId', command.data.accountId),
      ...readProfile(v, command.data),
      ownerId: v.id('ownerId', command.data.ownerId),
    }));
    if (state.status !== 'NONE') throw alreadyExists('Account', data.accountId);
    return [{ type: 'AccountRegistered', data: { ...data, registeredAt: context.now } }];
  }
  if (state.status === 'NONE') throw notFound('Account', '(unregistered)');
  const accountId = state.accountId;
  if (state.status === 'ARCHIVED') throw invalidTransition('Account', accountId, state.status, command.type);
  switch (command.type) {
    case 'UpdateAccountProfile':
      return [
        {
          type: 'AccountProfileUpdated',
          data: { accountId, ...validated((v) => readProfile(v, command.data)) },
        },
      ];
    case 'ReassignAccountOwner': {
      const d = validated((v) => ({
        ownerId: v.id('ownerId', command.data.ownerId),
        reason: v.text('reason', command.data.reason, { max: 1000 }),
      }));
      return [
        { type: 'AccountOwnerReassigned', data: { accountId, previousOwnerId: state.ownerId ?? '', ...d } },
      ];
    }
    case 'RecordAccountHealth': {
      const d = validated((v) => {
        const nps = v.optionalInteger('nps', command.data.nps, { min: -100, max: 100 });
        const csat = v.optionalNumber('csat', command.data.csat, { min: 0, max: 100 });
        return {
          healthScore: v.number('healthScore', command.data.healthScore, { min: 0, max: 100 }),
          ...(nps !== undefined ? { nps } : {}),
          ...(csat !== undefined ? { csat } : {}),
        };
      });
      return [
        {
          type: 'AccountHealthRecorded',
          data: { accountId, ...d, recordedBy: context.actor.userId, measuredAt: context.now },
        },
      ];
    }
    case 'GrantAccountConsent':
      return [
        {
          type: 'AccountConsentGranted',
          data: { accountId, ...decideConsentGrant(command.data, state.consents, context) },
        },
      ];
    case 'RenewAccountConsent':
      return [
        {
          type: 'AccountConsentRenewed',
          data: { accountId, ...decideConsentRenewal(command.data, state.consents, context) },
        },
      ];
    case 'WithdrawAccountConsent':
      return [
        {
          type: 'AccountConsentWithdrawn',
          data: { accountId, ...decideConsentWithdrawal(command.data, state.consents, context) },
        },
      ];
    case 'ArchiveAccount': {
      const reason = validated((v) => v.text('reason', command.data.reason, { max: 1000 }));
      return [{ type: 'AccountArchived', data: { accountId, reason, archivedAt: context.now } }];
    }
    case 'DelegateAccount': {
      const d = validated((v) => ({
        delegateId: v.id('delegateId', command.data.delegateId),
        until: v.instant('until', command.data.until),
        reason: v.text('reason', command.data.reason, { max: 1000 }),
      }));
      if (!isAfter(d.until, context.now)) {
        throw new DomainError(DomainErrorCode.VALIDATION_FAILED, 'A delegation must end in the future.', {
          issues: [{ field: 'until', message: 'must be after now' }],
        });
      }
      if (d.delegateId === state.ownerId) {
        throw new DomainError(DomainErrorCode.VALIDATION_FAILED, 'The owner needs no delegation.', {
          issues: [{ field: 'delegateId', message: 'must not be the owner' }],
        });
      }
      return [
        {
          type: 'AccountDelegated',
          data: { accountId, ownerId: state.ownerId ?? '', ...d, delegatedBy: context.actor.userId },
        },
      ];
    }
    case 'RevokeAccountDelegation': {
      const delegateId = validated((v) => v.id('delegateId', command.data.delegateId));
      if (!{ ...state.delegations }[delegateId]) throw notFound('Delegation', delegateId);
      return [
        {
          type: 'AccountDelegationRevoked',
          data: { accountId, delegateId, revokedBy: context.actor.userId },
        },
      ];
    }
  }
}

function evolve(state: AccountState, event: AccountEvent): AccountState {
  switch (event.type) {
    case 'AccountRegistered': {
      const { accountId, ownerId, registeredAt: _at, ...profile } = event.data;
      return { ...state, accountId, ownerId, profile, status: 'ACTIVE' };
    }
    case 'AccountProfileUpdated': {
      const { accountId: _id, ...profile } = event.data;
      return { ...state, profile };
    }
    case 'AccountOwnerReassigned':
      // The relationship moves: the previous owner's delegations end with their ownership.
      return { ...state, ownerId: event.data.ownerId, delegations: {} };
    case 'AccountDelegated': {
      const { delegateId, until, delegatedBy } = event.data;
      return { ...state, delegations: { ...state.delegations, [delegateId]: { until, delegatedBy } } };
    }
    case 'AccountDelegationRevoked': {
      // Spread, not destructure: snapshots taken before delegations existed have none.
      const delegations: Record<string, AccountDelegation> = { ...state.delegations };
      delete delegations[event.data.delegateId];
      return { ...state, delegations };
    }
    case 'AccountHealthRecorded': {
      const { healthScore, nps, csat, measuredAt } = event.data;
      return { ...state, health: { healthScore, nps, csat, measuredAt } };
    }
    case 'AccountConsentGranted':
      return { ...state, consents: evolveConsents(state.consents, { type: 'granted', data: event.data }) };
    case 'AccountConsentRenewed':
      return { ...state, consents: evolveConsents(state.consents, { type: 'renewed', data: event.data }) };
    case 'AccountConsentWithdrawn':
      return { ...state, consents: evolveConsents(state.consents, { type: 'withdrawn', data: event.data }) };
    case 'AccountArchived':
      return { ...state, status: 'ARCHIVED' };
    default:
      return state;
  }
}

/** The Account decider: a customer organisation. */
export const accountDecider: Decider<AccountCommand, AccountState, AccountEvent> = {
  name: 'Account',
  initialState: initialAccountState,
  decide,
  evolve,
};

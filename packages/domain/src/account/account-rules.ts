import type { GrantConsentData, RenewConsentData, WithdrawConsentData } from '../consent/consent-commands';
import {
  decideConsentGrant,
  decideConsentRenewal,
  decideConsentWithdrawal,
} from '../consent/consent-decisions';
import type { DecisionContext } from '../shared/decision-context';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { alreadyExists, notFound } from '../shared/guards';
import { isAfter } from '../shared/time';
import type { RuleOf } from '../shared/command-handlers';
import { validated, type Validator } from '../shared/validator';
import type {
  AccountProfileData,
  ArchiveAccount,
  DelegateAccount,
  ReassignAccountOwner,
  RecordAccountHealth,
  RegisterAccount,
  RevokeAccountDelegation,
} from './account-commands';
import type { AccountEvent, AccountProfile } from './account-events';
import type { AccountState } from './account-state';
import { SEGMENTS } from './segment';

// An account's rules: its profile and owner, health, the company's consents and delegations.

function readProfile(v: Validator, d: AccountProfileData): AccountProfile {
  return {
    name: v.text('name', d.name, { max: 200 }),
    industry: v.text('industry', d.industry, { max: 80 }),
    segment: v.oneOf('segment', d.segment, SEGMENTS),
    region: v.text('region', d.region, { max: 80 }),
    products: v.tags('products', d.products),
  };
}

function parseRecordAccountHealth(d: RecordAccountHealth['data']) {
  return validated((v) => {
    const nps = v.optionalInteger('nps', d.nps, { min: -100, max: 100 });
    const csat = v.optionalNumber('csat', d.csat, { min: 0, max: 100 });
    return {
      healthScore: v.number('healthScore', d.healthScore, { min: 0, max: 100 }),
      ...(nps !== undefined ? { nps } : {}),
      ...(csat !== undefined ? { csat } : {}),
    };
  });
}

// A consent's payload is read together with the consents it is checked against
// (consent/consent-decisions.ts, shared with advocates), so its parse step passes it on.
const passOn = <T>(d: T): T => d;

/** The payload parsers of account commands. */
export const accountParsers = {
  RegisterAccount: (d: RegisterAccount['data']) =>
    validated((v) => ({
      accountId: v.id('accountId', d.accountId),
      ...readProfile(v, d),
      ownerId: v.id('ownerId', d.ownerId),
    })),
  UpdateAccountProfile: (d: AccountProfileData) => validated((v) => readProfile(v, d)),
  ReassignAccountOwner: (d: ReassignAccountOwner['data']) =>
    validated((v) => ({
      ownerId: v.id('ownerId', d.ownerId),
      reason: v.text('reason', d.reason, { max: 1000 }),
    })),
  RecordAccountHealth: parseRecordAccountHealth,
  GrantAccountConsent: passOn<GrantConsentData>,
  RenewAccountConsent: passOn<RenewConsentData>,
  WithdrawAccountConsent: passOn<WithdrawConsentData>,
  ArchiveAccount: (d: ArchiveAccount['data']) => validated((v) => v.text('reason', d.reason, { max: 1000 })),
  DelegateAccount: (d: DelegateAccount['data']) =>
    validated((v) => ({
      delegateId: v.id('delegateId', d.delegateId),
      until: v.instant('until', d.until),
      reason: v.text('reason', d.reason, { max: 1000 }),
    })),
  RevokeAccountDelegation: (d: RevokeAccountDelegation['data']) =>
    validated((v) => v.id('delegateId', d.delegateId)),
};

type Rule<K extends keyof typeof accountParsers> = RuleOf<
  typeof accountParsers,
  K,
  AccountState,
  AccountEvent,
  DecisionContext
>;

const registerAccount: Rule<'RegisterAccount'> = (data, state, context) => {
  if (state.status !== 'NONE') throw alreadyExists('Account', data.accountId);
  return [{ type: 'AccountRegistered', data: { ...data, registeredAt: context.now } }];
};

const updateAccountProfile: Rule<'UpdateAccountProfile'> = (profile, state) => [
  { type: 'AccountProfileUpdated', data: { accountId: state.accountId, ...profile } },
];

const reassignAccountOwner: Rule<'ReassignAccountOwner'> = (d, state) => [
  {
    type: 'AccountOwnerReassigned',
    data: { accountId: state.accountId, previousOwnerId: state.ownerId ?? '', ...d },
  },
];

const recordAccountHealth: Rule<'RecordAccountHealth'> = (d, state, context) => [
  {
    type: 'AccountHealthRecorded',
    data: { accountId: state.accountId, ...d, recordedBy: context.actor.userId, measuredAt: context.now },
  },
];

const grantAccountConsent: Rule<'GrantAccountConsent'> = (d, state, context) => [
  {
    type: 'AccountConsentGranted',
    data: { accountId: state.accountId, ...decideConsentGrant(d, state.consents, context) },
  },
];

const renewAccountConsent: Rule<'RenewAccountConsent'> = (d, state, context) => [
  {
    type: 'AccountConsentRenewed',
    data: { accountId: state.accountId, ...decideConsentRenewal(d, state.consents, context) },
  },
];

const withdrawAccountConsent: Rule<'WithdrawAccountConsent'> = (d, state, context) => [
  {
    type: 'AccountConsentWithdrawn',
    data: { accountId: state.accountId, ...decideConsentWithdrawal(d, state.consents, context) },
  },
];

const archiveAccount: Rule<'ArchiveAccount'> = (reason, state, context) => [
  { type: 'AccountArchived', data: { accountId: state.accountId, reason, archivedAt: context.now } },
];

/** A colleague acts for the owner until a date in the future (invariant 11). */
const delegateAccount: Rule<'DelegateAccount'> = (d, state, context) => {
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
  const delegation = { ownerId: state.ownerId ?? '', ...d, delegatedBy: context.actor.userId };
  return [{ type: 'AccountDelegated', data: { accountId: state.accountId, ...delegation } }];
};

const revokeAccountDelegation: Rule<'RevokeAccountDelegation'> = (delegateId, state, context) => {
  if (!{ ...state.delegations }[delegateId]) throw notFound('Delegation', delegateId);
  return [
    {
      type: 'AccountDelegationRevoked',
      data: { accountId: state.accountId, delegateId, revokedBy: context.actor.userId },
    },
  ];
};

/** The rules of accounts, one per command. */
export const accountRules = {
  RegisterAccount: registerAccount,
  UpdateAccountProfile: updateAccountProfile,
  ReassignAccountOwner: reassignAccountOwner,
  RecordAccountHealth: recordAccountHealth,
  GrantAccountConsent: grantAccountConsent,
  RenewAccountConsent: renewAccountConsent,
  WithdrawAccountConsent: withdrawAccountConsent,
  ArchiveAccount: archiveAccount,
  DelegateAccount: delegateAccount,
  RevokeAccountDelegation: revokeAccountDelegation,
};

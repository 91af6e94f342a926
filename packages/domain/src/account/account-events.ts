import type { ConsentGrantedData, ConsentRenewedData, ConsentWithdrawnData } from '../consent/consent-events';
import type { DomainEvent } from '../shared/domain-event';
import type { Instant } from '../shared/time';
import type { AccountSuppressionEvent } from './account-suppression-events';
import type { Segment } from './segment';

export interface AccountProfile {
  readonly name: string;
  readonly industry: string;
  readonly segment: Segment;
  readonly region: string;
  readonly products: readonly string[];
}

export type AccountRegistered = DomainEvent<
  'AccountRegistered',
  AccountProfile & { accountId: string; ownerId: string; registeredAt: Instant }
>;
export type AccountProfileUpdated = DomainEvent<
  'AccountProfileUpdated',
  AccountProfile & { accountId: string }
>;
export type AccountOwnerReassigned = DomainEvent<
  'AccountOwnerReassigned',
  { accountId: string; previousOwnerId: string; ownerId: string; reason: string }
>;
export type AccountHealthRecorded = DomainEvent<
  'AccountHealthRecorded',
  {
    accountId: string;
    healthScore: number;
    nps?: number;
    csat?: number;
    recordedBy: string;
    measuredAt: Instant;
  }
>;
export type AccountConsentGranted = DomainEvent<
  'AccountConsentGranted',
  ConsentGrantedData & { accountId: string }
>;
export type AccountConsentRenewed = DomainEvent<
  'AccountConsentRenewed',
  ConsentRenewedData & { accountId: string }
>;
export type AccountConsentWithdrawn = DomainEvent<
  'AccountConsentWithdrawn',
  ConsentWithdrawnData & { accountId: string }
>;
export type AccountArchived = DomainEvent<
  'AccountArchived',
  { accountId: string; reason: string; archivedAt: Instant }
>;

export type AccountDelegated = DomainEvent<
  'AccountDelegated',
  {
    accountId: string;
    ownerId: string;
    delegateId: string;
    until: Instant;
    reason: string;
    delegatedBy: string;
  }
>;
export type AccountDelegationRevoked = DomainEvent<
  'AccountDelegationRevoked',
  { accountId: string; delegateId: string; revokedBy: string }
>;

export type AccountEvent =
  | AccountRegistered
  | AccountProfileUpdated
  | AccountOwnerReassigned
  | AccountHealthRecorded
  | AccountConsentGranted
  | AccountConsentRenewed
  | AccountConsentWithdrawn
  | AccountArchived
  | AccountDelegated
  | AccountDelegationRevoked
  | AccountSuppressionEvent;

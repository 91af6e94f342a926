import type { GrantConsentData, RenewConsentData, WithdrawConsentData } from '../consent/consent-commands';
import type { Command } from '../shared/domain-event';
import type { Instant } from '../shared/time';
import type { AccountSuppressionCommand } from './account-suppression-commands';
import type { Segment } from './segment';

export interface AccountProfileData {
  name: string;
  industry: string;
  segment: Segment;
  region: string;
  products: string[];
}

export type RegisterAccount = Command<
  'RegisterAccount',
  AccountProfileData & { accountId: string; ownerId: string }
>;
export type UpdateAccountProfile = Command<'UpdateAccountProfile', AccountProfileData>;
export type ReassignAccountOwner = Command<'ReassignAccountOwner', { ownerId: string; reason: string }>;
/** Health as customer success measures it: a 0–100 score, and NPS/CSAT when known. */
export type RecordAccountHealth = Command<
  'RecordAccountHealth',
  { healthScore: number; nps?: number; csat?: number }
>;
/** The company's own permission (for its logo, or company-level case studies). */
export type GrantAccountConsent = Command<'GrantAccountConsent', GrantConsentData>;
export type RenewAccountConsent = Command<'RenewAccountConsent', RenewConsentData>;
export type WithdrawAccountConsent = Command<'WithdrawAccountConsent', WithdrawConsentData>;
export type ArchiveAccount = Command<'ArchiveAccount', { reason: string }>;
/** The owner (or an admin) lets a colleague act for the account until a date, e.g. during leave. */
export type DelegateAccount = Command<
  'DelegateAccount',
  { delegateId: string; until: Instant; reason: string }
>;
export type RevokeAccountDelegation = Command<'RevokeAccountDelegation', { delegateId: string }>;

export type AccountCommand =
  | RegisterAccount
  | UpdateAccountProfile
  | ReassignAccountOwner
  | RecordAccountHealth
  | GrantAccountConsent
  | RenewAccountConsent
  | WithdrawAccountConsent
  | ArchiveAccount
  | DelegateAccount
  | RevokeAccountDelegation
  | AccountSuppressionCommand;

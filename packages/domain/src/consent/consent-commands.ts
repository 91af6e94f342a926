import type { ActivityKind } from '../shared/activity-kind';
import type { Instant } from '../shared/time';
import type { Channel, ConsentCollectionMethod } from './consent';

/** Grant a consent (usage grant); the same shape for an advocate's and a company's consent. */
export interface GrantConsentData {
  consentId: string;
  kinds: ActivityKind[];
  territories: string[];
  channels: Channel[];
  validFrom: Instant;
  validUntil?: Instant;
  maxUses?: number;
  perUseApprovalRequired?: boolean;
  collectionMethod: ConsentCollectionMethod;
  collectedAt: Instant;
  evidenceHash?: string;
  noticeVersion: string;
}

/** Extend a consent's validity or uses; the consent's version goes up by one. */
export interface RenewConsentData {
  consentId: string;
  validUntil?: Instant;
  maxUses?: number;
  collectionMethod: ConsentCollectionMethod;
  collectedAt: Instant;
  evidenceHash?: string;
  noticeVersion: string;
}

/** Withdraw all of a consent, or only some of its kinds. Takes effect at once. */
export interface WithdrawConsentData {
  consentId: string;
  /** Omitted: every kind of the consent. */
  kinds?: ActivityKind[];
  reason: string;
}

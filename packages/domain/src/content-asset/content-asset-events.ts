import type { Channel } from '../consent/consent';
import type { DomainEvent } from '../shared/domain-event';
import type { Instant } from '../shared/time';
import type { ContentUsed } from './content-usage';

/** Content kinds are the activity kinds that leave an asset behind. */
export const CONTENT_KINDS = ['CASE_STUDY', 'QUOTE', 'VIDEO', 'LOGO'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

export const CONTENT_SUSPENSION_REASONS = [
  'CONSENT_WITHDRAWN',
  'CONSENT_EXPIRED',
  'ADVOCATE_ERASED',
  'INACCURATE',
  'OTHER',
] as const;
export type ContentSuspensionReason = (typeof CONTENT_SUSPENSION_REASONS)[number];

/** The consent a published asset relies on, by holder, with the version in force at publication. */
export interface ReliedConsent {
  readonly holder: 'ADVOCATE' | 'ACCOUNT';
  readonly holderId: string;
  readonly consentId: string;
  readonly consentVersion: number;
}

type Of<T extends string, D extends object> = DomainEvent<T, D & { contentId: string }>;

export type ContentDrafted = Of<
  'ContentDrafted',
  {
    kind: ContentKind;
    title: string;
    accountId: string;
    holders: { holder: 'ADVOCATE' | 'ACCOUNT'; holderId: string }[];
    territory: string;
    channel: Channel;
    draftedBy: string;
    draftedAt: Instant;
  }
>;
export type ContentApproved = Of<
  'ContentApproved',
  { evidence: string; recordedBy: string; approvedAt: Instant }
>;
export type ContentPublished = Of<
  'ContentPublished',
  {
    reliesOn: ReliedConsent[];
    url?: string;
    /** The most uses allowed, if capped. */
    maxUses?: number;
    /** No use after this instant, if set. */
    expiresAt?: Instant;
    publishedBy: string;
    publishedAt: Instant;
  }
>;
export type ContentSuspended = Of<
  'ContentSuspended',
  {
    reason: ContentSuspensionReason;
    consentId?: string;
    note?: string;
    suspendedBy: string;
    suspendedAt: Instant;
  }
>;
export type ContentReinstated = Of<
  'ContentReinstated',
  { reliesOn: ReliedConsent[]; note?: string; reinstatedBy: string; reinstatedAt: Instant }
>;
export type ContentRetired = Of<'ContentRetired', { reason: string; retiredBy: string; retiredAt: Instant }>;

export type ContentAssetEvent =
  | ContentDrafted
  | ContentApproved
  | ContentPublished
  | ContentSuspended
  | ContentReinstated
  | ContentRetired
  | ContentUsed;

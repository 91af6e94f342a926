import type { ActivityKind } from '../shared/activity-kind';
import type { Instant } from '../shared/time';

/** How a consent was collected (ISO/IEC TS 27560 "collection method"). */
export const CONSENT_COLLECTION_METHODS = [
  'WEB_FORM',
  'E_SIGNATURE',
  'RECORDED_CALL',
  'EMAIL',
  'PAPER_FORM',
] as const;
export type ConsentCollectionMethod = (typeof CONSENT_COLLECTION_METHODS)[number];

/** Channels a use can be made in; a consent lists those it permits. */
export const CHANNELS = ['PRIVATE', 'WEB', 'PRINT', 'SOCIAL', 'EVENT', 'PRESS', 'ANALYST'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Territory code that means "anywhere". */
export const ANY_TERRITORY = 'GLOBAL';

/** Where and how a use is made: one territory (region/country code) and one channel. */
export interface UsageScope {
  readonly territory: string;
  readonly channel: Channel;
}

/** Where and how a consent permits uses. */
export interface ConsentScope {
  /** Region or country codes; `GLOBAL` covers every territory. */
  readonly territories: readonly string[];
  readonly channels: readonly Channel[];
}

/** How and on what terms the consent was collected: the evidence an auditor asks for. */
export interface ConsentCollection {
  readonly method: ConsentCollectionMethod;
  readonly collectedAt: Instant;
  /** Who collected it (user id). */
  readonly collectedBy: string;
  /** SHA-256 of the signed document or recording, hex. */
  readonly evidenceHash?: string;
  /** Version of the privacy notice the advocate was shown. */
  readonly noticeVersion: string;
}

/**
 * A usage grant: what an advocate (or, for the logo, the company) has permitted. Each
 * renewal bumps `version`; a use names the consent id and the version it relied on.
 */
export interface Consent {
  readonly consentId: string;
  readonly version: number;
  readonly kinds: readonly ActivityKind[];
  readonly scope: ConsentScope;
  readonly validFrom: Instant;
  readonly validUntil?: Instant;
  readonly maxUses?: number;
  readonly perUseApprovalRequired: boolean;
  readonly collection: ConsentCollection;
  /** Kinds withdrawn so far (a withdrawal may cover some kinds only). */
  readonly withdrawnKinds: readonly ActivityKind[];
  readonly withdrawnAt?: Instant;
  /** Uses recorded against this consent (completed engagements and content uses). */
  readonly uses: number;
}

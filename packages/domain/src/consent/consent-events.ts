import type { ActivityKind } from '../shared/activity-kind';
import type { Instant } from '../shared/time';
import type { Channel, ConsentCollection } from './consent';

/** A consent as recorded when granted (version 1). */
export interface ConsentGrantedData {
  readonly consentId: string;
  readonly version: number;
  readonly kinds: readonly ActivityKind[];
  readonly territories: readonly string[];
  readonly channels: readonly Channel[];
  readonly validFrom: Instant;
  readonly validUntil?: Instant;
  readonly maxUses?: number;
  readonly perUseApprovalRequired: boolean;
  readonly collection: ConsentCollection;
  readonly grantedAt: Instant;
}

export interface ConsentRenewedData {
  readonly consentId: string;
  readonly version: number;
  readonly validUntil?: Instant;
  readonly maxUses?: number;
  readonly collection: ConsentCollection;
  readonly renewedAt: Instant;
}

export interface ConsentWithdrawnData {
  readonly consentId: string;
  readonly version: number;
  readonly kinds: readonly ActivityKind[];
  readonly reason: string;
  readonly withdrawnBy: string;
  readonly withdrawnAt: Instant;
}

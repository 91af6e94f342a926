import type { Channel } from '../consent/consent';
import type { Command } from '../shared/domain-event';
import type { Instant } from '../shared/time';
import type { UseContent } from './content-usage';
import type { ContentKind, ContentSuspensionReason } from './content-asset-events';

/** Whose consent the asset relies on: an advocate's, or the company's own (logo). */
export interface ConsentHolderRef {
  holder: 'ADVOCATE' | 'ACCOUNT';
  holderId: string;
}

export type DraftContent = Command<
  'DraftContent',
  {
    contentId: string;
    kind: ContentKind;
    title: string;
    accountId: string;
    holders: ConsentHolderRef[];
    territory: string;
    channel: Channel;
  }
>;
/** The customer signed off the final text or cut; `evidence` points at the sign-off (no names). */
export type ApproveContent = Command<'ApproveContent', { evidence: string }>;
/** Publication may cap the asset's uses and set its expiry (both enforced at each use). */
export type PublishContent = Command<
  'PublishContent',
  { url?: string; maxUses?: number; expiresAt?: Instant }
>;
export type SuspendContent = Command<
  'SuspendContent',
  { reason: ContentSuspensionReason; consentId?: string; note?: string }
>;
export type ReinstateContent = Command<'ReinstateContent', { note?: string }>;
export type RetireContent = Command<'RetireContent', { reason: string }>;

export type ContentAssetCommand =
  | DraftContent
  | ApproveContent
  | PublishContent
  | SuspendContent
  | ReinstateContent
  | RetireContent
  | UseContent;

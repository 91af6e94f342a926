import type { Command, DomainEvent } from '../shared/domain-event';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { isAfter, type Instant } from '../shared/time';
import type { ContentKind, ReliedConsent } from './content-asset-events';

/** One use of a published asset: who used it, where, for which request, under which consents. */
export type UseContent = Command<
  'UseContent',
  {
    /** Where the asset is used (a deck, a page, a proposal); no names of people. */
    where: string;
    /** The reference request the use serves, if any. */
    requestId?: string;
  }
>;

/** A use was recorded against the asset's cap and the consents it relies on. */
export type ContentUsed = DomainEvent<
  'ContentUsed',
  {
    contentId: string;
    kind: ContentKind;
    accountId: string;
    where: string;
    requestId?: string;
    /** The consents in force at the use, by holder, with their versions. */
    reliesOn: ReliedConsent[];
    /** This use's number on the asset (1 for the first). */
    useNumber: number;
    usedBy: string;
    usedAt: Instant;
  }
>;

/** How far a published asset may be used: a cap on uses and an expiry, both optional. */
export interface ContentUsageLimits {
  readonly maxUses?: number;
  readonly expiresAt?: Instant;
}

/** The asset may not be used after its expiry, nor beyond its cap (refused with a typed error). */
export function requireUsable(
  asset: { readonly contentId: string; readonly uses: number } & ContentUsageLimits,
  now: Instant,
): void {
  const { contentId, maxUses, expiresAt, uses } = asset;
  if (expiresAt !== undefined && !isAfter(expiresAt, now)) {
    throw new DomainError(
      DomainErrorCode.CONTENT_EXPIRED,
      `Content ${contentId} expired at ${expiresAt}; it may no longer be used. Publish a renewed asset.`,
      { contentId, expiresAt },
    );
  }
  if (maxUses !== undefined && uses >= maxUses) {
    throw new DomainError(
      DomainErrorCode.CONTENT_USE_LIMIT_REACHED,
      `Content ${contentId} has been used ${uses} of ${maxUses} times allowed; it may not be used again.`,
      { contentId, maxUses, uses },
    );
  }
}

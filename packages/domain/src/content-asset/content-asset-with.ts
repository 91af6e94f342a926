import type { EveryMember } from '../shared/every-member';
import type { ContentAssetState } from './content-asset-state';

// Members written out, not spread: see accountWith (a restored state has lost its `undefined` members).

/** A new content asset state: `state`'s members in their one order, then `change` over them. */
export function contentAssetWith(
  state: ContentAssetState,
  change: Partial<ContentAssetState>,
): ContentAssetState {
  const next: EveryMember<ContentAssetState> = {
    contentId: state.contentId,
    status: state.status,
    kind: state.kind,
    accountId: state.accountId,
    holders: state.holders,
    territory: state.territory,
    channel: state.channel,
    reliesOn: state.reliesOn,
    uses: state.uses,
    maxUses: state.maxUses,
    expiresAt: state.expiresAt,
  };
  return Object.assign(next, change);
}

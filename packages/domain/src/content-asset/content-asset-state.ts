import type { Channel, Consent } from '../consent/consent';
import type { DecisionContext } from '../shared/decision-context';
import type { EveryMember } from '../shared/every-member';
import type { Instant } from '../shared/time';
import { contentAssetWith } from './content-asset-with';
import type { ContentAssetEvent, ContentKind, ReliedConsent } from './content-asset-events';

/** The content decider reads the consents of the asset's holders (advocates, the account). */
export interface ContentDecisionContext extends DecisionContext {
  readonly consentsOf: (holder: 'ADVOCATE' | 'ACCOUNT', holderId: string) => readonly Consent[];
}

/** DRAFT → APPROVED → PUBLISHED ⇄ SUSPENDED; any → RETIRED. */
export type ContentStatus = 'NONE' | 'DRAFT' | 'APPROVED' | 'PUBLISHED' | 'SUSPENDED' | 'RETIRED';

export interface ContentAssetState {
  readonly contentId: string;
  readonly status: ContentStatus;
  readonly kind?: ContentKind;
  readonly accountId?: string;
  readonly holders: readonly { holder: 'ADVOCATE' | 'ACCOUNT'; holderId: string }[];
  readonly territory?: string;
  readonly channel?: Channel;
  readonly reliesOn: readonly ReliedConsent[];
  /** Uses recorded so far, against `maxUses` when the asset is capped. */
  readonly uses: number;
  readonly maxUses?: number;
  readonly expiresAt?: Instant;
}

// Every member named, so that each spread in `evolveContentAsset` overrides and never adds (see EveryMember).
export const initialContentAssetState: ContentAssetState = {
  contentId: '',
  status: 'NONE',
  kind: undefined,
  accountId: undefined,
  holders: [],
  territory: undefined,
  channel: undefined,
  reliesOn: [],
  uses: 0,
  maxUses: undefined,
  expiresAt: undefined,
} satisfies EveryMember<ContentAssetState>;

/** Folds one content event into the asset's state. */
export function evolveContentAsset(state: ContentAssetState, event: ContentAssetEvent): ContentAssetState {
  switch (event.type) {
    case 'ContentDrafted': {
      const d = event.data;
      return contentAssetWith(state, {
        contentId: d.contentId,
        status: 'DRAFT',
        kind: d.kind,
        accountId: d.accountId,
        holders: d.holders,
        territory: d.territory,
        channel: d.channel,
      });
    }
    case 'ContentApproved':
      return contentAssetWith(state, { status: 'APPROVED' });
    case 'ContentPublished': {
      const { maxUses, expiresAt } = event.data;
      const limits = { ...(maxUses !== undefined ? { maxUses } : {}), ...(expiresAt ? { expiresAt } : {}) };
      return contentAssetWith(state, { status: 'PUBLISHED', reliesOn: event.data.reliesOn, ...limits });
    }
    case 'ContentUsed':
      return contentAssetWith(state, { uses: state.uses + 1 });
    case 'ContentSuspended':
      return contentAssetWith(state, { status: 'SUSPENDED' });
    case 'ContentReinstated':
      return contentAssetWith(state, { status: 'PUBLISHED', reliesOn: event.data.reliesOn });
    case 'ContentRetired':
      return contentAssetWith(state, { status: 'RETIRED' });
    default:
      return state;
  }
}

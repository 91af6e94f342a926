import type {
  AccountConsentWithdrawn,
  ConsentExpired,
  ConsentWithdrawn,
  ContentDrafted,
  ContentKind,
  ContentPublished,
} from '@vouch/domain';
import { SavedStateShapeError, type RecordedEvent } from '@vouch/event-store';
import { commandFor, dataOf, type ProcessManager } from './process-manager';

const NAME = 'suspend-content-on-consent-loss';

/** The content published now, indexed by the consents it relies on. */
export interface ContentRelyingOnConsents {
  /** Content id → its kind (from the draft). */
  readonly kinds: Map<string, ContentKind>;
  /** Consent key (holder, holder id, consent id) → the published content relying on it. */
  readonly byConsent: Map<string, Set<string>>;
  /** Content id → the consent keys it relies on while published. */
  readonly reliesOn: Map<string, readonly string[]>;
}

const CONSENT_LOSSES = ['ConsentWithdrawn', 'ConsentExpired', 'AccountConsentWithdrawn'];

const consentKey = (holder: string, holderId: string, consentId: string): string =>
  `${holder}:${holderId}:${consentId}`;

/** The consent an event takes away, and the kinds it no longer covers (every kind when absent). */
function lostConsent(event: RecordedEvent): { key: string; consentId: string; kinds?: readonly string[] } {
  if (event.type === 'AccountConsentWithdrawn') {
    const d = dataOf<AccountConsentWithdrawn>(event);
    return { key: consentKey('ACCOUNT', d.accountId, d.consentId), consentId: d.consentId, kinds: d.kinds };
  }
  if (event.type === 'ConsentWithdrawn') {
    const d = dataOf<ConsentWithdrawn>(event);
    return { key: consentKey('ADVOCATE', d.advocateId, d.consentId), consentId: d.consentId, kinds: d.kinds };
  }
  const d = dataOf<ConsentExpired>(event);
  return { key: consentKey('ADVOCATE', d.advocateId, d.consentId), consentId: d.consentId };
}

function unpublish(state: ContentRelyingOnConsents, contentId: string): void {
  for (const key of state.reliesOn.get(contentId) ?? []) {
    const relying = state.byConsent.get(key);
    relying?.delete(contentId);
    if (relying?.size === 0) state.byConsent.delete(key);
  }
  state.reliesOn.delete(contentId);
}

/**
 * A consent withdrawn or expired → every published content asset relying on it for the
 * withdrawn kind is suspended at once (invariant 5). Earlier publication stays in history.
 * It keeps its own index of published content by consent, so a consent loss reads nothing.
 */
export const suspendContentOnConsentLoss: ProcessManager<ContentRelyingOnConsents> = {
  name: NAME,
  eventTypes: [
    'ContentDrafted',
    'ContentPublished',
    'ContentReinstated',
    'ContentSuspended',
    'ContentRetired',
    ...CONSENT_LOSSES,
  ],
  initialState: () => ({ kinds: new Map(), byConsent: new Map(), reliesOn: new Map() }),
  savedState: {
    version: 1,
    // Content kinds and what published content relies on; `byConsent` follows from `reliesOn`.
    save: (state) => ({ kinds: [...state.kinds], reliesOn: [...state.reliesOn] }),
    restore(saved) {
      const { kinds, reliesOn } = (saved ?? {}) as {
        kinds: [string, ContentKind][];
        reliesOn: [string, string[]][];
      };
      if (!Array.isArray(kinds) || !Array.isArray(reliesOn))
        throw new SavedStateShapeError('content kinds or what content relies on is not a list');
      const state: ContentRelyingOnConsents = {
        kinds: new Map(kinds),
        byConsent: new Map(),
        reliesOn: new Map(reliesOn),
      };
      for (const [contentId, keys] of reliesOn) {
        for (const key of keys)
          state.byConsent.set(key, (state.byConsent.get(key) ?? new Set()).add(contentId));
      }
      return state;
    },
  },
  evolve(state, event) {
    const contentId = (event.data as { contentId?: string }).contentId;
    if (contentId === undefined) return state; // a consent event: nothing to learn
    if (event.type === 'ContentDrafted') {
      state.kinds.set(contentId, dataOf<ContentDrafted>(event).kind);
    } else if (event.type === 'ContentPublished' || event.type === 'ContentReinstated') {
      unpublish(state, contentId);
      const keys = dataOf<ContentPublished>(event).reliesOn.map((r) =>
        consentKey(r.holder, r.holderId, r.consentId),
      );
      state.reliesOn.set(contentId, keys);
      for (const key of keys)
        state.byConsent.set(key, (state.byConsent.get(key) ?? new Set()).add(contentId));
    } else {
      unpublish(state, contentId);
    }
    return state;
  },
  decide(event, state) {
    if (!CONSENT_LOSSES.includes(event.type)) return [];
    const lost = lostConsent(event);
    const reason = event.type === 'ConsentExpired' ? 'CONSENT_EXPIRED' : 'CONSENT_WITHDRAWN';
    return [...(state.byConsent.get(lost.key) ?? [])]
      .filter((contentId) => {
        const kind = state.kinds.get(contentId) ?? 'CASE_STUDY';
        return lost.kinds === undefined || lost.kinds.includes(kind);
      })
      .map((contentId) =>
        commandFor(
          NAME,
          event,
          { type: 'SuspendContent', aggregateId: contentId, data: { reason, consentId: lost.consentId } },
          contentId,
        ),
      );
  },
};

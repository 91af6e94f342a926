import { requireContentConsents } from '../consent/consent-gate';
import { invalidTransition } from '../shared/guards';
import { validated } from '../shared/validator';
import type { ContentAssetEvent } from './content-asset-events';
import type { ContentAssetState, ContentDecisionContext } from './content-asset-state';
import { requireUsable, type UseContent } from './content-usage';

// A use of published content: within its cap and before its expiry, under consents in force.

/** The payload parser of a content use. */
export const contentUseParsers = {
  UseContent: (d: UseContent['data']) =>
    validated((v) => ({
      where: v.text('where', d.where, { max: 300 }),
      ...(d.requestId !== undefined ? { requestId: v.id('requestId', d.requestId) } : {}),
    })),
};

/**
 * Invariant 1 for a content use: only a published asset, within its cap and before its expiry,
 * and only while every holder's consent is in force (the consent's own max uses included).
 */
function useContent(
  d: ReturnType<(typeof contentUseParsers)['UseContent']>,
  state: ContentAssetState,
  context: ContentDecisionContext,
): ContentAssetEvent[] {
  if (state.status !== 'PUBLISHED')
    throw invalidTransition('Content', state.contentId, state.status, 'UseContent');
  requireUsable(state, context.now);
  const reliesOn = requireContentConsents(state, context);
  return [
    {
      type: 'ContentUsed',
      data: {
        contentId: state.contentId,
        kind: state.kind ?? 'CASE_STUDY',
        accountId: state.accountId ?? '',
        where: d.where,
        ...(d.requestId !== undefined ? { requestId: d.requestId } : {}),
        reliesOn,
        useNumber: state.uses + 1,
        usedBy: context.actor.userId,
        usedAt: context.now,
      },
    },
  ];
}

/** The rule of content use. */
export const contentUseRules = { UseContent: useContent };

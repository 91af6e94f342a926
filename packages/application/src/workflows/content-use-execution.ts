import {
  contentAssetDecider,
  decideContentUse,
  DomainError,
  DomainErrorCode,
  fold,
  validated,
  type DecisionContext,
  type UseContent,
  type WorkflowStep,
} from '@vouch/domain';
import type { EventStore } from '@vouch/event-store';
import { allowsAnySubject, permits } from '../authorization/ability';
import { requestFacts } from '../authorization/load-relationship-facts';
import type { AggregateReader } from '../commands/aggregate-reader';
import { loadDecisionContext } from '../commands/context-loader';
import { readWholeStream } from '../commands/read-whole-stream';
import { streamIdOf } from '../commands/stream-ids';
import type { VouchCommand } from '../commands/vouch-command';

/** A content use as decided: its steps, or a replay of a use already recorded. */
export type DecidedContentUse =
  { readonly replay: true } | { readonly replay: false; readonly steps: readonly WorkflowStep[] };

/**
 * Reads what a content use is decided with — the asset, its holders' consents, the program's
 * modes and the request it names — and lets the domain decide the steps (consent counts first).
 */
export async function decideContentUseFor(
  store: EventStore,
  reader: AggregateReader,
  tenantId: string,
  command: VouchCommand & UseContent,
  base: DecisionContext,
): Promise<DecidedContentUse> {
  const contentId = validated((v) => v.id('aggregateId', command.aggregateId));
  const history = await readWholeStream(store, tenantId, streamIdOf('ContentAsset', contentId));
  // Invariant 8: the same command id again answers the first result from the asset's stream.
  if (history.some((e) => e.metadata.commandId === command.commandId)) return { replay: true };
  const requestId = typeof command.data.requestId === 'string' ? command.data.requestId : undefined;
  const once = reader.forOneDecision();
  const request = requestId !== undefined ? await once.request(tenantId, requestId) : undefined;
  // Invariant 11: a caller who stands in no relationship to the use meets an asset that does not exist.
  const { actor } = base;
  const related =
    allowsAnySubject(actor, command.type) || permits(actor, command.type, requestFacts(request));
  if (history.length === 0 || !related) {
    throw new DomainError(DomainErrorCode.NOT_FOUND, `Content ${contentId} does not exist.`, { contentId });
  }
  const content = fold(contentAssetDecider, history.map((e) => ({ type: e.type, data: e.data })) as never);
  const context = await loadDecisionContext(once, tenantId, 'ContentAsset', command, base, () => content);
  const policies = await once.policies(tenantId);
  return {
    replay: false,
    steps: decideContentUse(contentId, command, content, request, {
      ...context,
      consentsOf: (holder, holderId) => context.consentsOf?.(holder, holderId) ?? [],
      policies,
    }),
  };
}

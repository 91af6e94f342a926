import { contentAssetDecider } from '../content-asset/content-asset-decider';
import type { ContentAssetState, ContentDecisionContext } from '../content-asset/content-asset-state';
import type { UseContent } from '../content-asset/content-usage';
import type { ProgramPolicies } from '../program/program-policies';
import { requestModeFor } from '../program/request-modes';
import type { ReferenceRequestState } from '../reference-request/reference-request-state';
import { OPEN } from '../reference-request/request-guards';
import { hasRole } from '../shared/actor';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { notFound } from '../shared/guards';
import type { WorkflowStep } from './workflow-step';

/** The command types the content-use workflow decides. */
export const CONTENT_USE_WORKFLOW_COMMANDS: ReadonlySet<string> = new Set<UseContent['type']>(['UseContent']);

/** What a content use is decided with: the asset's consents, the program's modes, the request it serves. */
export interface ContentUseContext extends ContentDecisionContext {
  readonly policies?: ProgramPolicies;
}

/**
 * Who may record a use: the program always; anyone else only for their own open request of
 * the asset's kind, and only where the program set that kind to AUTO_COMPLETE.
 */
function requireUseAllowed(
  content: ContentAssetState,
  requestId: string | undefined,
  request: ReferenceRequestState | undefined,
  context: ContentUseContext,
): void {
  if (hasRole(context.actor, 'PROGRAM_MANAGER')) return;
  // Invariant 11: someone else's request does not exist for the caller.
  if (!request || request.status === 'NONE' || request.requestedBy !== context.actor.userId) {
    throw notFound('Reference request', requestId ?? '(none named)');
  }
  const kind = content.kind ?? 'CASE_STUDY';
  const mode = request.kind ? requestModeFor(context.policies?.requestModes, request.kind) : undefined;
  if (!OPEN.includes(request.status) || request.kind !== kind || mode !== 'AUTO_COMPLETE') {
    throw new DomainError(
      DomainErrorCode.REQUEST_MODE_NOT_ALLOWED,
      `Request ${request.requestId} may not use ${kind} content on its own: the request must be open, for ${kind}, ` +
        `and the program must set ${kind} to AUTO_COMPLETE (it is ${mode ?? 'unknown'}).`,
      { requestId: request.requestId, kind, mode },
    );
  }
}

/**
 * A content use (AUTO_COMPLETE, or the program's own): the asset's gates first (published, cap,
 * expiry, consents in force), then the use is recorded against each advocate's consent — where
 * the consent's max uses hold — then on the asset. Nothing is scheduled.
 */
export function decideContentUse(
  contentId: string,
  command: UseContent,
  content: ContentAssetState,
  request: ReferenceRequestState | undefined,
  context: ContentUseContext,
): readonly WorkflowStep[] {
  // Refuse before touching any advocate when the asset itself would refuse.
  contentAssetDecider.decide(command, content, context);
  const requestId = typeof command.data.requestId === 'string' ? command.data.requestId : undefined;
  requireUseAllowed(content, requestId, request, context);
  const consentSteps: WorkflowStep[] = content.holders
    .filter((h) => h.holder === 'ADVOCATE')
    .map(({ holderId }) => ({
      aggregate: 'Advocate',
      aggregateId: holderId,
      actsAs: 'SYSTEM',
      command: {
        type: 'RecordContentUse',
        commandId: `${command.commandId}.consent.${holderId}`,
        data: {
          contentId,
          kind: content.kind ?? 'CASE_STUDY',
          territory: content.territory ?? '',
          channel: content.channel ?? 'WEB',
          ...(requestId !== undefined ? { requestId } : {}),
        },
      },
    }));
  return [...consentSteps, { aggregate: 'ContentAsset', aggregateId: contentId, command }];
}

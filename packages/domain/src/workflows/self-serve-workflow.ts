import type { ReferenceRequestDecisionContext } from '../reference-request/reference-request-decision-context';
import { referenceRequestDecider } from '../reference-request/reference-request-decider';
import type { ReferenceRequestState } from '../reference-request/reference-request-state';
import type { AdvocateTakenFromPool, TakeFromSelfServePool } from '../reference-request/self-serve-rules';
import { validated } from '../shared/validator';
import type { WorkflowStep } from './workflow-step';

/**
 * Self-serve: the request's own rules first (open, the requester's own, mode SELF_SERVE, the
 * advocate in the owner's pool), then the advocate reserves the engagement under the owner's
 * pre-approval — where the status, consent, fatigue and pool gates hold again — then the take.
 * The reservation is the workflow's own step (a rep may not reserve advocates by hand).
 */
export function decideSelfServe(
  requestId: string,
  engagementId: string,
  command: TakeFromSelfServePool,
  request: ReferenceRequestState,
  context: ReferenceRequestDecisionContext,
): readonly WorkflowStep[] {
  const advocateId = validated((v) => v.id('advocateId', command.data.advocateId));
  const { activityAt } = command.data;
  const take: TakeFromSelfServePool = {
    type: 'TakeFromSelfServePool',
    commandId: command.commandId,
    data: { advocateId, engagementId, ...(activityAt !== undefined ? { activityAt } : {}) },
  };
  // Refuse before touching the advocate when the request itself would refuse.
  const [taken] = referenceRequestDecider.decide(take, request, context) as AdvocateTakenFromPool[];
  const criteria = request.criteria ?? { territory: '', channel: 'PRIVATE' as const };
  return [
    {
      aggregate: 'Advocate',
      aggregateId: advocateId,
      actsAs: 'SYSTEM',
      command: {
        type: 'ReserveEngagement',
        commandId: `${command.commandId}.reserve`,
        data: {
          engagementId,
          requestId,
          kind: request.kind ?? 'REFERENCE_CALL',
          territory: criteria.territory,
          channel: criteria.channel,
          ...(activityAt !== undefined ? { activityAt } : {}),
          ownerClearance: { kind: 'SELF_SERVE', by: taken?.data.ownerId ?? '' },
        },
      },
      compensate: (refusal) => ({
        aggregate: 'Advocate',
        aggregateId: advocateId,
        actsAs: 'SYSTEM',
        command: {
          type: 'ReleaseEngagement',
          commandId: `${command.commandId}.undo`,
          data: { engagementId, reason: 'CANCELLED', note: `The request refused the take: ${refusal.code}` },
        },
      }),
    },
    { aggregate: 'ReferenceRequest', aggregateId: requestId, command: take },
  ];
}

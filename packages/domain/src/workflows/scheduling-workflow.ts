import { referenceRequestDecider } from '../reference-request/reference-request-decider';
import type { ReferenceRequestState } from '../reference-request/reference-request-state';
import type { ConfirmAttendance, PickSlot } from '../reference-request/scheduling-commands';
import type { DecisionContext } from '../shared/decision-context';
import type { WorkflowStep } from './workflow-step';

/** The scheduling commands on a request that also bind the advocate's engagement. */
export type SchedulingWorkflowCommand = PickSlot | ConfirmAttendance;

/** The request's own command of a scheduling step, as its rules take it. */
export function schedulingRequestCommand(command: SchedulingWorkflowCommand): PickSlot | ConfirmAttendance {
  if (command.type === 'PickSlot') {
    const { advocateId, startsAt } = command.data;
    return { type: 'PickSlot', commandId: command.commandId, data: { advocateId, startsAt } };
  }
  const { advocateId, party } = command.data;
  return { type: 'ConfirmAttendance', commandId: command.commandId, data: { advocateId, party } };
}

/**
 * Pick: the request's rules first (only its requester, only an offered future slot), then the
 * advocate's engagement is scheduled at the slot — the consent and fatigue gates hold at the
 * picked time, so a consent withdrawn or expiring before the call refuses the pick — then the
 * request records it. The advocate's step is the pick's consequence, run for the system.
 */
export function decidePick(
  requestId: string,
  command: PickSlot,
  request: ReferenceRequestState,
  context: DecisionContext,
  engagementId: string,
): readonly WorkflowStep[] {
  const own = schedulingRequestCommand(command);
  const [picked] = referenceRequestDecider.decide(own, request, context);
  const at = picked?.type === 'SlotPicked' ? picked.data.startsAt : String(command.data.startsAt);
  const { fatigueOverrideReason } = command.data;
  return [
    {
      aggregate: 'Advocate',
      aggregateId: String(command.data.advocateId),
      actsAs: 'SYSTEM',
      command: {
        type: 'ScheduleEngagement',
        commandId: `${command.commandId}.advocate`,
        data: { engagementId, at, ...(fatigueOverrideReason !== undefined ? { fatigueOverrideReason } : {}) },
      },
    },
    { aggregate: 'ReferenceRequest', aggregateId: requestId, command: own },
  ];
}

/**
 * Confirm: the request's rules decide (who may speak for which party, once each, after the
 * call began). When this confirmation completes the proof, the use is first recorded on the
 * advocate (consent in force, per-use approval), at the time the request says it ended.
 */
export function decideConfirm(
  requestId: string,
  command: ConfirmAttendance,
  request: ReferenceRequestState,
  context: DecisionContext,
  engagementId: string,
): readonly WorkflowStep[] {
  const own = schedulingRequestCommand(command);
  const events = referenceRequestDecider.decide(own, request, context);
  const completed = events.find((e) => e.type === 'ActivityCompleted');
  const ownStep: WorkflowStep = { aggregate: 'ReferenceRequest', aggregateId: requestId, command: own };
  if (completed?.type !== 'ActivityCompleted') return [ownStep];
  return [
    {
      aggregate: 'Advocate',
      aggregateId: String(command.data.advocateId),
      actsAs: 'SYSTEM',
      command: {
        type: 'CompleteEngagement',
        commandId: `${command.commandId}.advocate`,
        data: { engagementId, completedAt: completed.data.completedAt },
      },
    },
    ownStep,
  ];
}

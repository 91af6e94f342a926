import type { ReferenceRequestState } from '../reference-request/reference-request-state';
import { referenceRequestDecider } from '../reference-request/reference-request-decider';
import { reservationForAsk } from '../reference-request/ask-reservation';
import type {
  AskAdvocate,
  CompleteActivity,
  ReferenceRequestCommand,
  ScheduleActivity,
} from '../reference-request/reference-request-commands';
import type { DecisionContext } from '../shared/decision-context';
import type { ReferenceRequestDecisionContext } from '../reference-request/reference-request-decision-context';
import type { TakeFromSelfServePool } from '../reference-request/self-serve-rules';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { notFound } from '../shared/guards';
import { validated } from '../shared/validator';
import { decideSelfServe } from './self-serve-workflow';
import type { WorkflowStep } from './workflow-step';
import {
  decideConfirm,
  decidePick,
  schedulingRequestCommand,
  type SchedulingWorkflowCommand,
} from './scheduling-workflow';

/** The commands on a request that also bind the advocate (their engagement). */
export type RequestWorkflowCommand =
  AskAdvocate | ScheduleActivity | CompleteActivity | SchedulingWorkflowCommand | TakeFromSelfServePool;

/** The command types the request workflow decides. */
export const REQUEST_WORKFLOW_COMMANDS: ReadonlySet<string> = new Set<RequestWorkflowCommand['type']>([
  'AskAdvocate',
  'ScheduleActivity',
  'CompleteActivity',
  'PickSlot',
  'ConfirmAttendance',
  'TakeFromSelfServePool',
]);

/** The engagement of one advocate on one request: one id, so retries never reserve twice. */
export function engagementIdFor(requestId: string, advocateId: string): string {
  return `${requestId}.${advocateId}`;
}

/**
 * The request's own command of a workflow step, as first decided: what a replay of the same
 * command id is answered with (the advocate's step went first, so it is already recorded).
 */
export function requestStepOf(requestId: string, command: RequestWorkflowCommand): WorkflowStep {
  const advocateId = String(command.data.advocateId);
  if (command.type === 'PickSlot' || command.type === 'ConfirmAttendance') {
    return {
      aggregate: 'ReferenceRequest',
      aggregateId: requestId,
      command: schedulingRequestCommand(command),
    };
  }
  const data =
    command.type === 'AskAdvocate' || command.type === 'TakeFromSelfServePool'
      ? { advocateId, engagementId: engagementIdFor(requestId, advocateId) }
      : command.type === 'ScheduleActivity'
        ? { advocateId, at: command.data.at }
        : {
            advocateId,
            ...(command.data.completedAt !== undefined ? { completedAt: command.data.completedAt } : {}),
          };
  return {
    aggregate: 'ReferenceRequest',
    aggregateId: requestId,
    command: { type: command.type, commandId: command.commandId, data } as ReferenceRequestCommand,
  };
}

/**
 * Decides a request step that binds an advocate, from the request's state: the commands
 * each of the two streams gets, in order. The advocate's side goes first, because that is
 * where the consent and fatigue gates hold: if they refuse, the request records nothing.
 * Sub-command ids derive from the caller's command id, so a retry does nothing twice.
 */
export function decideRequestWorkflow(
  requestId: string,
  command: RequestWorkflowCommand,
  request: ReferenceRequestState,
  context: ReferenceRequestDecisionContext,
): readonly WorkflowStep[] {
  switch (command.type) {
    case 'AskAdvocate':
      return decideAsk(requestId, command, request, context);
    case 'ScheduleActivity':
      return decideSchedule(requestId, command, request);
    case 'CompleteActivity':
      return decideComplete(requestId, command, request);
    case 'PickSlot':
      return decidePick(
        requestId,
        command,
        request,
        context,
        engagementOf(requestId, request, command.data.advocateId),
      );
    case 'ConfirmAttendance':
      return decideConfirm(
        requestId,
        command,
        request,
        context,
        engagementOf(requestId, request, command.data.advocateId),
      );
    case 'TakeFromSelfServePool': {
      const advocateId = validated((v) => v.id('advocateId', command.data.advocateId));
      return decideSelfServe(requestId, engagementIdFor(requestId, advocateId), command, request, context);
    }
  }
}

/**
 * Ask: the request's own rules first (status, owner approval), then the advocate reserves
 * the engagement — the consent, fatigue and status gates of `ReserveEngagement`, so a
 * fatigue refusal of an ask is the advocate's ReserveEngagement rule — then the ask.
 */
function decideAsk(
  requestId: string,
  command: AskAdvocate,
  request: ReferenceRequestState,
  context: DecisionContext,
): readonly WorkflowStep[] {
  const advocateId = validated((v) => v.id('advocateId', command.data.advocateId));
  const engagementId = engagementIdFor(requestId, advocateId);
  const { fatigueOverrideReason } = command.data;
  const ask: AskAdvocate = {
    type: 'AskAdvocate',
    commandId: command.commandId,
    data: {
      advocateId,
      engagementId,
      ...(fatigueOverrideReason !== undefined ? { fatigueOverrideReason } : {}),
    },
  };
  // Refuse before touching the advocate when the request itself would refuse.
  const [asked] = referenceRequestDecider.decide(ask, request, { ...context, newId: () => engagementId });
  const pmFulfilledBy =
    asked?.type === 'AdvocateAsked' && asked.data.clearance === 'PM_FULFILLED'
      ? context.actor.userId
      : undefined;
  return [
    {
      aggregate: 'Advocate',
      aggregateId: advocateId,
      command: {
        type: 'ReserveEngagement',
        commandId: `${command.commandId}.reserve`,
        // The owner's clearance, the request's scope and a PM's fatigue override, where the gates hold.
        data: reservationForAsk(request, ask.data, pmFulfilledBy),
      },
      // The request refused after all (it changed meanwhile): the reservation is given back.
      compensate: (refusal) => ({
        aggregate: 'Advocate',
        aggregateId: advocateId,
        command: {
          type: 'ReleaseEngagement',
          commandId: `${command.commandId}.undo`,
          data: { engagementId, reason: 'CANCELLED', note: `The request refused the ask: ${refusal.code}` },
        },
      }),
    },
    { aggregate: 'ReferenceRequest', aggregateId: requestId, command: ask },
  ];
}

/** Schedule: the advocate's consent and fatigue must hold at that date, then the request records it. */
function decideSchedule(
  requestId: string,
  command: ScheduleActivity,
  request: ReferenceRequestState,
): readonly WorkflowStep[] {
  const { advocateId, at, fatigueOverrideReason } = command.data;
  const engagementId = engagementOf(requestId, request, advocateId);
  const override = fatigueOverrideReason !== undefined ? { fatigueOverrideReason } : {};
  return [
    {
      aggregate: 'Advocate',
      aggregateId: advocateId,
      command: {
        type: 'ScheduleEngagement',
        commandId: `${command.commandId}.advocate`,
        data: { engagementId, at, ...override },
      },
    },
    {
      aggregate: 'ReferenceRequest',
      aggregateId: requestId,
      command: { type: 'ScheduleActivity', commandId: command.commandId, data: { advocateId, at } },
    },
  ];
}

/** Complete: the usage is recorded on the advocate, under the consent in force then, then on the request. */
function decideComplete(
  requestId: string,
  command: CompleteActivity,
  request: ReferenceRequestState,
): readonly WorkflowStep[] {
  const { advocateId, completedAt } = command.data;
  const engagementId = engagementOf(requestId, request, advocateId);
  const at = completedAt !== undefined ? { completedAt } : {};
  return [
    {
      aggregate: 'Advocate',
      aggregateId: advocateId,
      command: {
        type: 'CompleteEngagement',
        commandId: `${command.commandId}.advocate`,
        data: { engagementId, ...at },
      },
    },
    {
      aggregate: 'ReferenceRequest',
      aggregateId: requestId,
      command: { type: 'CompleteActivity', commandId: command.commandId, data: { advocateId, ...at } },
    },
  ];
}

/**
 * The engagement an asked advocate has on the request; refuses when they were never asked
 * (INVALID_TRANSITION), or never a candidate at all (NOT_FOUND, as the request's own rules answer).
 */
function engagementOf(requestId: string, request: ReferenceRequestState, advocateId: unknown): string {
  const id = validated((v) => v.id('advocateId', advocateId));
  const candidate = Object.hasOwn(request.candidates, id) ? request.candidates[id] : undefined;
  if (!candidate) throw notFound('Candidate', id);
  if (!candidate.engagementId) {
    throw new DomainError(
      DomainErrorCode.INVALID_TRANSITION,
      `Advocate ${String(advocateId)} has not been asked on request ${requestId}; ask them first.`,
      { requestId, advocateId },
    );
  }
  return candidate.engagementId;
}

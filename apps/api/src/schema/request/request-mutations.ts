import { engagementIdFor } from '@vouch/application';
import { Arg, Ctx, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import type { CommandPayload } from '../common/command-payload';
import { COMMAND_INPUT, CommandMutation } from '../common/command-mutation';
import { executeCommand } from '../common/execute-command';
import {
  ApproveAskInput,
  CancelRequestInput,
  CandidateCommandInput,
  CandidateReasonInput,
  CompleteActivityInput,
  RecordAdvocateResponseInput,
  RecordOutcomeInput,
  RecordRequestFeedbackInput,
  ReleaseCandidateInput,
  RequestCommandInput,
  ScheduleActivityInput,
  ShortlistCandidatesInput,
  SubmitReferenceRequestInput,
  TriageRequestInput,
} from './request-inputs';

/** Reference requests from ask to outcome. */
@Resolver()
export class RequestMutations {
  @CommandMutation({
    description: 'Ask for references. Anyone in sales, marketing, PR, product.',
  })
  submitReferenceRequest(
    @Arg('input', () => SubmitReferenceRequestInput, COMMAND_INPUT) input: SubmitReferenceRequestInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, ...data } = input;
    return executeCommand(context, 'SubmitReferenceRequest', commandId, data);
  }

  @CommandMutation({ description: 'Triage a request. Program managers.' })
  triageRequest(
    @Arg('input', () => TriageRequestInput, COMMAND_INPUT) input: TriageRequestInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, requestId, ...data } = input;
    return executeCommand(context, 'TriageRequest', commandId, data, requestId);
  }

  @CommandMutation({
    description: 'Shortlist candidates with their score breakdown. Program managers.',
  })
  shortlistCandidates(
    @Arg('input', () => ShortlistCandidatesInput, COMMAND_INPUT) input: ShortlistCandidatesInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, requestId, ...data } = input;
    return executeCommand(context, 'ShortlistCandidates', commandId, data, requestId);
  }

  @CommandMutation({
    description: 'Ask the account owner to approve asking a candidate. Program managers.',
  })
  requestOwnerApproval(
    @Arg('input', () => CandidateCommandInput, COMMAND_INPUT) input: CandidateCommandInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, requestId, ...data } = input;
    return executeCommand(context, 'RequestOwnerApproval', commandId, data, requestId);
  }

  @CommandMutation({
    description: "Approve asking your customer's advocate. The account owner (or a program manager).",
  })
  approveAsk(
    @Arg('input', () => ApproveAskInput, COMMAND_INPUT) input: ApproveAskInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, requestId, ...data } = input;
    return executeCommand(context, 'ApproveAsk', commandId, data, requestId);
  }

  @CommandMutation({
    description: "Decline asking your customer's advocate. The account owner (or a program manager).",
  })
  declineAsk(
    @Arg('input', () => CandidateReasonInput, COMMAND_INPUT) input: CandidateReasonInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, requestId, ...data } = input;
    return executeCommand(context, 'DeclineAsk', commandId, data, requestId);
  }

  @CommandMutation({
    description: "Override the owner's approval, with a recorded reason. Program managers.",
  })
  overrideOwnerApproval(
    @Arg('input', () => CandidateReasonInput, COMMAND_INPUT) input: CandidateReasonInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, requestId, ...data } = input;
    return executeCommand(context, 'OverrideOwnerApproval', commandId, data, requestId);
  }

  @CommandMutation({
    description:
      'Ask a cleared candidate: reserves the advocate (consent, fatigue, owner and status gates). Program managers.',
  })
  askAdvocate(
    @Arg('input', () => CandidateCommandInput, COMMAND_INPUT) input: CandidateCommandInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, requestId, advocateId } = input;
    // The workflow reserves the engagement under the id it derives from request and advocate.
    const engagementId = engagementIdFor(requestId, advocateId);
    return executeCommand(context, 'AskAdvocate', commandId, { advocateId, engagementId }, requestId);
  }

  @CommandMutation({ description: "Record the advocate's answer. Program managers." })
  recordAdvocateResponse(
    @Arg('input', () => RecordAdvocateResponseInput, COMMAND_INPUT) input: RecordAdvocateResponseInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, requestId, ...data } = input;
    return executeCommand(context, 'RecordAdvocateResponse', commandId, data, requestId);
  }

  @CommandMutation({ description: 'Schedule the activity. Program managers.' })
  scheduleActivity(
    @Arg('input', () => ScheduleActivityInput, COMMAND_INPUT) input: ScheduleActivityInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, requestId, ...data } = input;
    return executeCommand(context, 'ScheduleActivity', commandId, data, requestId);
  }

  @CommandMutation({
    description: 'Record the activity took place; it counts as a use of the consent. Program managers.',
  })
  completeActivity(
    @Arg('input', () => CompleteActivityInput, COMMAND_INPUT) input: CompleteActivityInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, requestId, ...data } = input;
    return executeCommand(context, 'CompleteActivity', commandId, data, requestId);
  }

  @CommandMutation({
    description:
      "Give feedback on an advocate's activity. Whoever asked for the reference (or a program manager).",
  })
  recordRequestFeedback(
    @Arg('input', () => RecordRequestFeedbackInput, COMMAND_INPUT) input: RecordRequestFeedbackInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, requestId, ...data } = input;
    return executeCommand(context, 'RecordRequestFeedback', commandId, data, requestId);
  }

  @CommandMutation({
    description: 'Record how the deal ended. Whoever asked for the reference (or a program manager).',
  })
  recordOutcome(
    @Arg('input', () => RecordOutcomeInput, COMMAND_INPUT) input: RecordOutcomeInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, requestId, ...data } = input;
    return executeCommand(context, 'RecordOutcome', commandId, data, requestId);
  }

  @CommandMutation({ description: 'Release a candidate. Program managers.' })
  releaseCandidate(
    @Arg('input', () => ReleaseCandidateInput, COMMAND_INPUT) input: ReleaseCandidateInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, requestId, ...data } = input;
    return executeCommand(context, 'ReleaseCandidate', commandId, data, requestId);
  }

  @CommandMutation({
    description:
      "Cancel a request. Whoever asked for it (or a program manager); someone else's request is NOT_FOUND.",
  })
  cancelRequest(
    @Arg('input', () => CancelRequestInput, COMMAND_INPUT) input: CancelRequestInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, requestId, ...data } = input;
    return executeCommand(context, 'CancelRequest', commandId, data, requestId);
  }

  @CommandMutation({
    description: 'Record that a request passed its due date unfulfilled. Program managers.',
  })
  lapseRequest(
    @Arg('input', () => RequestCommandInput, COMMAND_INPUT) input: RequestCommandInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    return executeCommand(context, 'LapseRequest', input.commandId, {}, input.requestId);
  }
}

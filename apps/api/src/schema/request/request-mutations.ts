import { engagementIdFor } from '@vouch/application';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import { CommandPayload } from '../common/command-payload';
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
  @Mutation(() => CommandPayload, {
    description: 'Ask for references. Anyone in sales, marketing, PR, product.',
  })
  submitReferenceRequest(
    @Arg('input', () => SubmitReferenceRequestInput) input: SubmitReferenceRequestInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, ...data } = input;
    return executeCommand(context, 'SubmitReferenceRequest', commandId, data);
  }

  @Mutation(() => CommandPayload, { description: 'Triage a request. Program managers.' })
  triageRequest(
    @Arg('input', () => TriageRequestInput) input: TriageRequestInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, requestId, ...data } = input;
    return executeCommand(context, 'TriageRequest', commandId, data, requestId);
  }

  @Mutation(() => CommandPayload, {
    description: 'Shortlist candidates with their score breakdown. Program managers.',
  })
  shortlistCandidates(
    @Arg('input', () => ShortlistCandidatesInput) input: ShortlistCandidatesInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, requestId, ...data } = input;
    return executeCommand(context, 'ShortlistCandidates', commandId, data, requestId);
  }

  @Mutation(() => CommandPayload, {
    description: 'Ask the account owner to approve asking a candidate. Program managers.',
  })
  requestOwnerApproval(
    @Arg('input', () => CandidateCommandInput) input: CandidateCommandInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, requestId, ...data } = input;
    return executeCommand(context, 'RequestOwnerApproval', commandId, data, requestId);
  }

  @Mutation(() => CommandPayload, {
    description: "Approve asking your customer's advocate. The account owner (or a program manager).",
  })
  approveAsk(
    @Arg('input', () => ApproveAskInput) input: ApproveAskInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, requestId, ...data } = input;
    return executeCommand(context, 'ApproveAsk', commandId, data, requestId);
  }

  @Mutation(() => CommandPayload, {
    description: "Decline asking your customer's advocate. The account owner (or a program manager).",
  })
  declineAsk(
    @Arg('input', () => CandidateReasonInput) input: CandidateReasonInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, requestId, ...data } = input;
    return executeCommand(context, 'DeclineAsk', commandId, data, requestId);
  }

  @Mutation(() => CommandPayload, {
    description: "Override the owner's approval, with a recorded reason. Program managers.",
  })
  overrideOwnerApproval(
    @Arg('input', () => CandidateReasonInput) input: CandidateReasonInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, requestId, ...data } = input;
    return executeCommand(context, 'OverrideOwnerApproval', commandId, data, requestId);
  }

  @Mutation(() => CommandPayload, {
    description:
      'Ask a cleared candidate: reserves the advocate (consent, fatigue, owner and status gates). Program managers.',
  })
  askAdvocate(
    @Arg('input', () => CandidateCommandInput) input: CandidateCommandInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, requestId, advocateId } = input;
    // The workflow reserves the engagement under the id it derives from request and advocate.
    const engagementId = engagementIdFor(requestId, advocateId);
    return executeCommand(context, 'AskAdvocate', commandId, { advocateId, engagementId }, requestId);
  }

  @Mutation(() => CommandPayload, { description: "Record the advocate's answer. Program managers." })
  recordAdvocateResponse(
    @Arg('input', () => RecordAdvocateResponseInput) input: RecordAdvocateResponseInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, requestId, ...data } = input;
    return executeCommand(context, 'RecordAdvocateResponse', commandId, data, requestId);
  }

  @Mutation(() => CommandPayload, { description: 'Schedule the activity. Program managers.' })
  scheduleActivity(
    @Arg('input', () => ScheduleActivityInput) input: ScheduleActivityInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, requestId, ...data } = input;
    return executeCommand(context, 'ScheduleActivity', commandId, data, requestId);
  }

  @Mutation(() => CommandPayload, {
    description: 'Record the activity took place; it counts as a use of the consent. Program managers.',
  })
  completeActivity(
    @Arg('input', () => CompleteActivityInput) input: CompleteActivityInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, requestId, ...data } = input;
    return executeCommand(context, 'CompleteActivity', commandId, data, requestId);
  }

  @Mutation(() => CommandPayload, {
    description:
      "Give feedback on an advocate's activity. Whoever asked for the reference (or a program manager).",
  })
  recordRequestFeedback(
    @Arg('input', () => RecordRequestFeedbackInput) input: RecordRequestFeedbackInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, requestId, ...data } = input;
    return executeCommand(context, 'RecordRequestFeedback', commandId, data, requestId);
  }

  @Mutation(() => CommandPayload, {
    description: 'Record how the deal ended. Whoever asked for the reference (or a program manager).',
  })
  recordOutcome(
    @Arg('input', () => RecordOutcomeInput) input: RecordOutcomeInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, requestId, ...data } = input;
    return executeCommand(context, 'RecordOutcome', commandId, data, requestId);
  }

  @Mutation(() => CommandPayload, { description: 'Release a candidate. Program managers.' })
  releaseCandidate(
    @Arg('input', () => ReleaseCandidateInput) input: ReleaseCandidateInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, requestId, ...data } = input;
    return executeCommand(context, 'ReleaseCandidate', commandId, data, requestId);
  }

  @Mutation(() => CommandPayload, {
    description:
      "Cancel a request. Whoever asked for it (or a program manager); someone else's request is NOT_FOUND.",
  })
  cancelRequest(
    @Arg('input', () => CancelRequestInput) input: CancelRequestInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, requestId, ...data } = input;
    return executeCommand(context, 'CancelRequest', commandId, data, requestId);
  }

  @Mutation(() => CommandPayload, {
    description: 'Record that a request passed its due date unfulfilled. Program managers.',
  })
  lapseRequest(
    @Arg('input', () => RequestCommandInput) input: RequestCommandInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    return executeCommand(context, 'LapseRequest', input.commandId, {}, input.requestId);
  }
}

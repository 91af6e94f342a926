import { Arg, Ctx, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import type { CommandPayload } from '../common/command-payload';
import { COMMAND_INPUT, CommandMutation } from '../common/command-mutation';
import { executeCommand } from '../common/execute-command';
import {
  AdvocateCommandInput,
  AdvocateReasonInput,
  EnrolAdvocateInput,
  LapseProfileVerificationInput,
  RequestProfileVerificationInput,
  RestAdvocateInput,
  SetAdvocatePreferencesInput,
  UpdateAdvocateAttributesInput,
  UpdateAdvocateContactInput,
  VerifyProfileInput,
} from './advocate-inputs';

/** Advocates: enrolment, profile, preferences, lifecycle and profile freshness. */
@Resolver()
export class AdvocateMutations {
  @CommandMutation({ description: 'Enrol an advocate (CANDIDATE). Program managers.' })
  enrolAdvocate(
    @Arg('input', () => EnrolAdvocateInput, COMMAND_INPUT) input: EnrolAdvocateInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, ...data } = input;
    return executeCommand(context, 'EnrolAdvocate', commandId, data);
  }

  @CommandMutation({ description: 'Activate a candidate advocate. Program managers.' })
  activateAdvocate(
    @Arg('input', () => AdvocateCommandInput, COMMAND_INPUT) input: AdvocateCommandInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    return executeCommand(context, 'ActivateAdvocate', input.commandId, {}, input.advocateId);
  }

  @CommandMutation({
    description:
      "Update an advocate's contact details. Program managers, and account owners for their own accounts (or those delegated to them).",
  })
  updateAdvocateContact(
    @Arg('input', () => UpdateAdvocateContactInput, COMMAND_INPUT) input: UpdateAdvocateContactInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'UpdateAdvocateContact', commandId, data, advocateId);
  }

  @CommandMutation({
    description:
      'Update what an advocate can speak to. Program managers, and account owners for their own accounts (or those delegated to them).',
  })
  updateAdvocateAttributes(
    @Arg('input', () => UpdateAdvocateAttributesInput, COMMAND_INPUT) input: UpdateAdvocateAttributesInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'UpdateAdvocateAttributes', commandId, data, advocateId);
  }

  @CommandMutation({
    description:
      "Set the advocate's own preferences. Program managers, and account owners for their own accounts (or those delegated to them).",
  })
  setAdvocatePreferences(
    @Arg('input', () => SetAdvocatePreferencesInput, COMMAND_INPUT) input: SetAdvocatePreferencesInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'SetAdvocatePreferences', commandId, data, advocateId);
  }

  @CommandMutation({
    description:
      'Rest an advocate until a date. Program managers, and account owners for their own accounts (or those delegated to them).',
  })
  restAdvocate(
    @Arg('input', () => RestAdvocateInput, COMMAND_INPUT) input: RestAdvocateInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'RestAdvocate', commandId, data, advocateId);
  }

  @CommandMutation({ description: 'Reactivate a resting advocate. Program managers.' })
  reactivateAdvocate(
    @Arg('input', () => AdvocateCommandInput, COMMAND_INPUT) input: AdvocateCommandInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    return executeCommand(context, 'ReactivateAdvocate', input.commandId, {}, input.advocateId);
  }

  @CommandMutation({ description: 'Retire an advocate. Program managers.' })
  retireAdvocate(
    @Arg('input', () => AdvocateReasonInput, COMMAND_INPUT) input: AdvocateReasonInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'RetireAdvocate', commandId, data, advocateId);
  }

  @CommandMutation({
    description:
      'Mark an advocate do-not-contact; never asked again. Program managers, and account owners for their own accounts (or those delegated to them).',
  })
  markDoNotContact(
    @Arg('input', () => AdvocateReasonInput, COMMAND_INPUT) input: AdvocateReasonInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'MarkDoNotContact', commandId, data, advocateId);
  }

  @CommandMutation({ description: 'Ask for a profile to be verified. Program managers.' })
  requestProfileVerification(
    @Arg('input', () => RequestProfileVerificationInput, COMMAND_INPUT)
    input: RequestProfileVerificationInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'RequestProfileVerification', commandId, data, advocateId);
  }

  @CommandMutation({
    description:
      'Confirm a profile is current. Program managers, and account owners for their own accounts (or those delegated to them).',
  })
  verifyProfile(
    @Arg('input', () => VerifyProfileInput, COMMAND_INPUT) input: VerifyProfileInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'VerifyProfile', commandId, data, advocateId);
  }

  @CommandMutation({
    description: 'Record an unanswered verification request. Program managers.',
  })
  lapseProfileVerification(
    @Arg('input', () => LapseProfileVerificationInput, COMMAND_INPUT) input: LapseProfileVerificationInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'LapseProfileVerification', commandId, data, advocateId);
  }
}

import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import { CommandPayload } from '../common/command-payload';
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
  @Mutation(() => CommandPayload, { description: 'Enrol an advocate (CANDIDATE). Program managers.' })
  enrolAdvocate(
    @Arg('input', () => EnrolAdvocateInput) input: EnrolAdvocateInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, ...data } = input;
    return executeCommand(context, 'EnrolAdvocate', commandId, data);
  }

  @Mutation(() => CommandPayload, { description: 'Activate a candidate advocate. Program managers.' })
  activateAdvocate(
    @Arg('input', () => AdvocateCommandInput) input: AdvocateCommandInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    return executeCommand(context, 'ActivateAdvocate', input.commandId, {}, input.advocateId);
  }

  @Mutation(() => CommandPayload, {
    description:
      "Update an advocate's contact details. Program managers, and account owners for their own accounts (or those delegated to them).",
  })
  updateAdvocateContact(
    @Arg('input', () => UpdateAdvocateContactInput) input: UpdateAdvocateContactInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'UpdateAdvocateContact', commandId, data, advocateId);
  }

  @Mutation(() => CommandPayload, {
    description:
      'Update what an advocate can speak to. Program managers, and account owners for their own accounts (or those delegated to them).',
  })
  updateAdvocateAttributes(
    @Arg('input', () => UpdateAdvocateAttributesInput) input: UpdateAdvocateAttributesInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'UpdateAdvocateAttributes', commandId, data, advocateId);
  }

  @Mutation(() => CommandPayload, {
    description:
      "Set the advocate's own preferences. Program managers, and account owners for their own accounts (or those delegated to them).",
  })
  setAdvocatePreferences(
    @Arg('input', () => SetAdvocatePreferencesInput) input: SetAdvocatePreferencesInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'SetAdvocatePreferences', commandId, data, advocateId);
  }

  @Mutation(() => CommandPayload, {
    description:
      'Rest an advocate until a date. Program managers, and account owners for their own accounts (or those delegated to them).',
  })
  restAdvocate(
    @Arg('input', () => RestAdvocateInput) input: RestAdvocateInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'RestAdvocate', commandId, data, advocateId);
  }

  @Mutation(() => CommandPayload, { description: 'Reactivate a resting advocate. Program managers.' })
  reactivateAdvocate(
    @Arg('input', () => AdvocateCommandInput) input: AdvocateCommandInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    return executeCommand(context, 'ReactivateAdvocate', input.commandId, {}, input.advocateId);
  }

  @Mutation(() => CommandPayload, { description: 'Retire an advocate. Program managers.' })
  retireAdvocate(
    @Arg('input', () => AdvocateReasonInput) input: AdvocateReasonInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'RetireAdvocate', commandId, data, advocateId);
  }

  @Mutation(() => CommandPayload, {
    description:
      'Mark an advocate do-not-contact; never asked again. Program managers, and account owners for their own accounts (or those delegated to them).',
  })
  markDoNotContact(
    @Arg('input', () => AdvocateReasonInput) input: AdvocateReasonInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'MarkDoNotContact', commandId, data, advocateId);
  }

  @Mutation(() => CommandPayload, { description: 'Ask for a profile to be verified. Program managers.' })
  requestProfileVerification(
    @Arg('input', () => RequestProfileVerificationInput) input: RequestProfileVerificationInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'RequestProfileVerification', commandId, data, advocateId);
  }

  @Mutation(() => CommandPayload, {
    description:
      'Confirm a profile is current. Program managers, and account owners for their own accounts (or those delegated to them).',
  })
  verifyProfile(
    @Arg('input', () => VerifyProfileInput) input: VerifyProfileInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'VerifyProfile', commandId, data, advocateId);
  }

  @Mutation(() => CommandPayload, {
    description: 'Record an unanswered verification request. Program managers.',
  })
  lapseProfileVerification(
    @Arg('input', () => LapseProfileVerificationInput) input: LapseProfileVerificationInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'LapseProfileVerification', commandId, data, advocateId);
  }
}

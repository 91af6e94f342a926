import { Arg, Ctx, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import type { CommandPayload } from '../common/command-payload';
import { COMMAND_INPUT, CommandMutation } from '../common/command-mutation';
import { executeCommand } from '../common/execute-command';
import {
  ApproveUseInput,
  CompleteEngagementInput,
  EngagementCommandInput,
  RecordEngagementFeedbackInput,
  ReleaseEngagementInput,
  ReserveEngagementInput,
  ScheduleEngagementInput,
} from './engagement-inputs';

/**
 * Engagements on the advocate directly. Requests run them through `askAdvocate`,
 * `scheduleActivity` and `completeActivity` instead, which keep both sides in step.
 */
@Resolver()
export class EngagementMutations {
  @CommandMutation({ description: 'Reserve an advocate for an activity. Program managers.' })
  reserveEngagement(
    @Arg('input', () => ReserveEngagementInput, COMMAND_INPUT) input: ReserveEngagementInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'ReserveEngagement', commandId, data, advocateId);
  }

  @CommandMutation({ description: 'Record that the advocate accepted. Program managers.' })
  acceptEngagement(
    @Arg('input', () => EngagementCommandInput, COMMAND_INPUT) input: EngagementCommandInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'AcceptEngagement', commandId, data, advocateId);
  }

  @CommandMutation({
    description: "Record the advocate's approval of one use. Program managers.",
  })
  approveUse(
    @Arg('input', () => ApproveUseInput, COMMAND_INPUT) input: ApproveUseInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'ApproveUse', commandId, data, advocateId);
  }

  @CommandMutation({ description: 'Schedule an engagement. Program managers.' })
  scheduleEngagement(
    @Arg('input', () => ScheduleEngagementInput, COMMAND_INPUT) input: ScheduleEngagementInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'ScheduleEngagement', commandId, data, advocateId);
  }

  @CommandMutation({ description: 'Complete an engagement. Program managers.' })
  completeEngagement(
    @Arg('input', () => CompleteEngagementInput, COMMAND_INPUT) input: CompleteEngagementInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'CompleteEngagement', commandId, data, advocateId);
  }

  @CommandMutation({
    description: 'Release an advocate from an engagement. Program managers.',
  })
  releaseEngagement(
    @Arg('input', () => ReleaseEngagementInput, COMMAND_INPUT) input: ReleaseEngagementInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'ReleaseEngagement', commandId, data, advocateId);
  }

  @CommandMutation({
    description: 'Rate an engagement. Whoever asked for it (or a program manager).',
  })
  recordEngagementFeedback(
    @Arg('input', () => RecordEngagementFeedbackInput, COMMAND_INPUT) input: RecordEngagementFeedbackInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'RecordEngagementFeedback', commandId, data, advocateId);
  }
}

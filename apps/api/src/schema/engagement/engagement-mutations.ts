import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import { CommandPayload } from '../common/command-payload';
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
  @Mutation(() => CommandPayload, { description: 'Reserve an advocate for an activity. Program managers.' })
  reserveEngagement(
    @Arg('input', () => ReserveEngagementInput) input: ReserveEngagementInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'ReserveEngagement', commandId, data, advocateId);
  }

  @Mutation(() => CommandPayload, { description: 'Record that the advocate accepted. Program managers.' })
  acceptEngagement(
    @Arg('input', () => EngagementCommandInput) input: EngagementCommandInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'AcceptEngagement', commandId, data, advocateId);
  }

  @Mutation(() => CommandPayload, {
    description: "Record the advocate's approval of one use. Program managers.",
  })
  approveUse(
    @Arg('input', () => ApproveUseInput) input: ApproveUseInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'ApproveUse', commandId, data, advocateId);
  }

  @Mutation(() => CommandPayload, { description: 'Schedule an engagement. Program managers.' })
  scheduleEngagement(
    @Arg('input', () => ScheduleEngagementInput) input: ScheduleEngagementInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'ScheduleEngagement', commandId, data, advocateId);
  }

  @Mutation(() => CommandPayload, { description: 'Complete an engagement. Program managers.' })
  completeEngagement(
    @Arg('input', () => CompleteEngagementInput) input: CompleteEngagementInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'CompleteEngagement', commandId, data, advocateId);
  }

  @Mutation(() => CommandPayload, {
    description: 'Release an advocate from an engagement. Program managers.',
  })
  releaseEngagement(
    @Arg('input', () => ReleaseEngagementInput) input: ReleaseEngagementInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'ReleaseEngagement', commandId, data, advocateId);
  }

  @Mutation(() => CommandPayload, {
    description: 'Rate an engagement. Whoever asked for it (or a program manager).',
  })
  recordEngagementFeedback(
    @Arg('input', () => RecordEngagementFeedbackInput) input: RecordEngagementFeedbackInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'RecordEngagementFeedback', commandId, data, advocateId);
  }
}

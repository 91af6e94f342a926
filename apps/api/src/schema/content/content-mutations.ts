import { Arg, Ctx, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import type { CommandPayload } from '../common/command-payload';
import { COMMAND_INPUT, CommandMutation } from '../common/command-mutation';
import { executeCommand } from '../common/execute-command';
import {
  ApproveContentInput,
  DraftContentInput,
  PublishContentInput,
  ReinstateContentInput,
  RetireContentInput,
  SuspendContentInput,
} from './content-inputs';

/** Content assets and the consents they rely on. All of it is the program managers'. */
@Resolver()
export class ContentMutations {
  @CommandMutation({ description: 'Draft a content asset. Program managers.' })
  draftContent(
    @Arg('input', () => DraftContentInput, COMMAND_INPUT) input: DraftContentInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, ...data } = input;
    return executeCommand(context, 'DraftContent', commandId, data);
  }

  @CommandMutation({ description: "Record the customer's sign-off. Program managers." })
  approveContent(
    @Arg('input', () => ApproveContentInput, COMMAND_INPUT) input: ApproveContentInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, contentId, ...data } = input;
    return executeCommand(context, 'ApproveContent', commandId, data, contentId);
  }

  @CommandMutation({
    description: 'Publish an asset; its consents must be in force. Program managers.',
  })
  publishContent(
    @Arg('input', () => PublishContentInput, COMMAND_INPUT) input: PublishContentInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, contentId, ...data } = input;
    return executeCommand(context, 'PublishContent', commandId, data, contentId);
  }

  @CommandMutation({ description: 'Suspend an asset. Program managers.' })
  suspendContent(
    @Arg('input', () => SuspendContentInput, COMMAND_INPUT) input: SuspendContentInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, contentId, ...data } = input;
    return executeCommand(context, 'SuspendContent', commandId, data, contentId);
  }

  @CommandMutation({ description: 'Reinstate a suspended asset. Program managers.' })
  reinstateContent(
    @Arg('input', () => ReinstateContentInput, COMMAND_INPUT) input: ReinstateContentInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, contentId, ...data } = input;
    return executeCommand(context, 'ReinstateContent', commandId, data, contentId);
  }

  @CommandMutation({ description: 'Retire an asset. Program managers.' })
  retireContent(
    @Arg('input', () => RetireContentInput, COMMAND_INPUT) input: RetireContentInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, contentId, ...data } = input;
    return executeCommand(context, 'RetireContent', commandId, data, contentId);
  }
}

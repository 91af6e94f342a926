import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import { CommandPayload } from '../common/command-payload';
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
  @Mutation(() => CommandPayload, { description: 'Draft a content asset. Program managers.' })
  draftContent(
    @Arg('input', () => DraftContentInput) input: DraftContentInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, ...data } = input;
    return executeCommand(context, 'DraftContent', commandId, data);
  }

  @Mutation(() => CommandPayload, { description: "Record the customer's sign-off. Program managers." })
  approveContent(
    @Arg('input', () => ApproveContentInput) input: ApproveContentInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, contentId, ...data } = input;
    return executeCommand(context, 'ApproveContent', commandId, data, contentId);
  }

  @Mutation(() => CommandPayload, {
    description: 'Publish an asset; its consents must be in force. Program managers.',
  })
  publishContent(
    @Arg('input', () => PublishContentInput) input: PublishContentInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, contentId, ...data } = input;
    return executeCommand(context, 'PublishContent', commandId, data, contentId);
  }

  @Mutation(() => CommandPayload, { description: 'Suspend an asset. Program managers.' })
  suspendContent(
    @Arg('input', () => SuspendContentInput) input: SuspendContentInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, contentId, ...data } = input;
    return executeCommand(context, 'SuspendContent', commandId, data, contentId);
  }

  @Mutation(() => CommandPayload, { description: 'Reinstate a suspended asset. Program managers.' })
  reinstateContent(
    @Arg('input', () => ReinstateContentInput) input: ReinstateContentInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, contentId, ...data } = input;
    return executeCommand(context, 'ReinstateContent', commandId, data, contentId);
  }

  @Mutation(() => CommandPayload, { description: 'Retire an asset. Program managers.' })
  retireContent(
    @Arg('input', () => RetireContentInput) input: RetireContentInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, contentId, ...data } = input;
    return executeCommand(context, 'RetireContent', commandId, data, contentId);
  }
}

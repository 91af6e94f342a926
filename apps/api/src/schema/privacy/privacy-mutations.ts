import { Arg, Ctx, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import type { CommandPayload } from '../common/command-payload';
import { COMMAND_INPUT, CommandMutation } from '../common/command-mutation';
import { executeCommand } from '../common/execute-command';
import { AdvocateReasonInput } from '../advocate/advocate-inputs';
import { PlaceLegalHoldInput, ReleaseLegalHoldInput } from './privacy-inputs';

/** Legal holds and erasure (crypto-shredding) of an advocate's personal data. */
@Resolver()
export class PrivacyMutations {
  @CommandMutation({ description: 'Place a legal hold. Admins.' })
  placeLegalHold(
    @Arg('input', () => PlaceLegalHoldInput, COMMAND_INPUT) input: PlaceLegalHoldInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'PlaceLegalHold', commandId, data, advocateId);
  }

  @CommandMutation({ description: 'Release a legal hold. Admins.' })
  releaseLegalHold(
    @Arg('input', () => ReleaseLegalHoldInput, COMMAND_INPUT) input: ReleaseLegalHoldInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'ReleaseLegalHold', commandId, data, advocateId);
  }

  @CommandMutation({
    description:
      "Erase an advocate's personal data (deferred while a legal hold is in place); history and non-personal facts remain. Admins and program managers.",
  })
  requestErasure(
    @Arg('input', () => AdvocateReasonInput, COMMAND_INPUT) input: AdvocateReasonInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'RequestErasure', commandId, data, advocateId);
  }
}

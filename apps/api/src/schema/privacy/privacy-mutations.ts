import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import { CommandPayload } from '../common/command-payload';
import { executeCommand } from '../common/execute-command';
import { AdvocateReasonInput } from '../advocate/advocate-inputs';
import { PlaceLegalHoldInput, ReleaseLegalHoldInput } from './privacy-inputs';

/** Legal holds and erasure (crypto-shredding) of an advocate's personal data. */
@Resolver()
export class PrivacyMutations {
  @Mutation(() => CommandPayload, { description: 'Place a legal hold. Admins.' })
  placeLegalHold(
    @Arg('input', () => PlaceLegalHoldInput) input: PlaceLegalHoldInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'PlaceLegalHold', commandId, data, advocateId);
  }

  @Mutation(() => CommandPayload, { description: 'Release a legal hold. Admins.' })
  releaseLegalHold(
    @Arg('input', () => ReleaseLegalHoldInput) input: ReleaseLegalHoldInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'ReleaseLegalHold', commandId, data, advocateId);
  }

  @Mutation(() => CommandPayload, {
    description:
      "Erase an advocate's personal data (deferred while a legal hold is in place); history and non-personal facts remain. Admins and program managers.",
  })
  requestErasure(
    @Arg('input', () => AdvocateReasonInput) input: AdvocateReasonInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'RequestErasure', commandId, data, advocateId);
  }
}

import { Arg, Ctx, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import type { CommandPayload } from '../common/command-payload';
import { COMMAND_INPUT, CommandMutation } from '../common/command-mutation';
import { executeCommand } from '../common/execute-command';
import { GrantRewardInput } from './reward-inputs';

/** What the program gives back to advocates. */
@Resolver()
export class RewardMutations {
  @CommandMutation({ description: 'Grant a reward. Program managers.' })
  grantReward(
    @Arg('input', () => GrantRewardInput, COMMAND_INPUT) input: GrantRewardInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'GrantReward', commandId, data, advocateId);
  }
}

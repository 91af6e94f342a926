import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import { CommandPayload } from '../common/command-payload';
import { executeCommand } from '../common/execute-command';
import { GrantRewardInput } from './reward-inputs';

/** What the program gives back to advocates. */
@Resolver()
export class RewardMutations {
  @Mutation(() => CommandPayload, { description: 'Grant a reward. Program managers.' })
  grantReward(
    @Arg('input', () => GrantRewardInput) input: GrantRewardInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'GrantReward', commandId, data, advocateId);
  }
}

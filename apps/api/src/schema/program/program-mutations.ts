import type { ActivityKind } from '@vouch/domain';
import { Arg, Ctx, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import type { CommandPayload } from '../common/command-payload';
import { COMMAND_INPUT, CommandMutation } from '../common/command-mutation';
import { executeCommand } from '../common/execute-command';
import {
  AddToWishlistInput,
  RemoveCoverageTargetInput,
  RemoveFromWishlistInput,
  SetCoverageTargetInput,
  SetFatiguePolicyInput,
  SetFreshnessPolicyInput,
  SetNominationPolicyInput,
  SetRequestSlaPolicyInput,
  SetRetentionPolicyInput,
  SetRewardPolicyInput,
} from './program-inputs';

/** The program's policies, coverage targets and wishlist. */
@Resolver()
export class ProgramMutations {
  @CommandMutation({ description: 'Set the fatigue limits. Program managers.' })
  setFatiguePolicy(
    @Arg('input', () => SetFatiguePolicyInput, COMMAND_INPUT) input: SetFatiguePolicyInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, kindLimits, ...policy } = input;
    const maxPerKindPerWindow: Partial<Record<ActivityKind, number>> = {};
    for (const limit of kindLimits) maxPerKindPerWindow[limit.kind] = limit.max;
    return executeCommand(context, 'SetFatiguePolicy', commandId, { ...policy, maxPerKindPerWindow });
  }

  @CommandMutation({ description: 'Set the request SLAs. Program managers.' })
  setRequestSlaPolicy(
    @Arg('input', () => SetRequestSlaPolicyInput, COMMAND_INPUT) input: SetRequestSlaPolicyInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, ...data } = input;
    return executeCommand(context, 'SetRequestSlaPolicy', commandId, data);
  }

  @CommandMutation({ description: 'Set the reward caps. Program managers.' })
  setRewardPolicy(
    @Arg('input', () => SetRewardPolicyInput, COMMAND_INPUT) input: SetRewardPolicyInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, ...data } = input;
    return executeCommand(context, 'SetRewardPolicy', commandId, data);
  }

  @CommandMutation({ description: 'Set the profile freshness policy. Program managers.' })
  setFreshnessPolicy(
    @Arg('input', () => SetFreshnessPolicyInput, COMMAND_INPUT) input: SetFreshnessPolicyInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, ...data } = input;
    return executeCommand(context, 'SetFreshnessPolicy', commandId, data);
  }

  @CommandMutation({ description: 'Set the nomination health threshold. Program managers.' })
  setNominationPolicy(
    @Arg('input', () => SetNominationPolicyInput, COMMAND_INPUT) input: SetNominationPolicyInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, ...data } = input;
    return executeCommand(context, 'SetNominationPolicy', commandId, data);
  }

  @CommandMutation({
    description: 'Set the retention of retired advocates’ data. Program managers and admins.',
  })
  setRetentionPolicy(
    @Arg('input', () => SetRetentionPolicyInput, COMMAND_INPUT) input: SetRetentionPolicyInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, ...data } = input;
    return executeCommand(context, 'SetRetentionPolicy', commandId, data);
  }

  @CommandMutation({ description: 'Set a coverage target. Program managers.' })
  setCoverageTarget(
    @Arg('input', () => SetCoverageTargetInput, COMMAND_INPUT) input: SetCoverageTargetInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, ...data } = input;
    return executeCommand(context, 'SetCoverageTarget', commandId, data);
  }

  @CommandMutation({ description: 'Remove a coverage target. Program managers.' })
  removeCoverageTarget(
    @Arg('input', () => RemoveCoverageTargetInput, COMMAND_INPUT) input: RemoveCoverageTargetInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, ...data } = input;
    return executeCommand(context, 'RemoveCoverageTarget', commandId, data);
  }

  @CommandMutation({ description: 'Wishlist an account. Anyone in sales.' })
  addToWishlist(
    @Arg('input', () => AddToWishlistInput, COMMAND_INPUT) input: AddToWishlistInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, ...data } = input;
    return executeCommand(context, 'AddToWishlist', commandId, data);
  }

  @CommandMutation({ description: 'Remove a wish. The wisher or a program manager.' })
  removeFromWishlist(
    @Arg('input', () => RemoveFromWishlistInput, COMMAND_INPUT) input: RemoveFromWishlistInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, ...data } = input;
    return executeCommand(context, 'RemoveFromWishlist', commandId, data);
  }
}

import type { ActivityKind } from '@vouch/domain';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import { CommandPayload } from '../common/command-payload';
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
  @Mutation(() => CommandPayload, { description: 'Set the fatigue limits. Program managers.' })
  setFatiguePolicy(
    @Arg('input', () => SetFatiguePolicyInput) input: SetFatiguePolicyInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, kindLimits, ...policy } = input;
    const maxPerKindPerWindow: Partial<Record<ActivityKind, number>> = {};
    for (const limit of kindLimits) maxPerKindPerWindow[limit.kind] = limit.max;
    return executeCommand(context, 'SetFatiguePolicy', commandId, { ...policy, maxPerKindPerWindow });
  }

  @Mutation(() => CommandPayload, { description: 'Set the request SLAs. Program managers.' })
  setRequestSlaPolicy(
    @Arg('input', () => SetRequestSlaPolicyInput) input: SetRequestSlaPolicyInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, ...data } = input;
    return executeCommand(context, 'SetRequestSlaPolicy', commandId, data);
  }

  @Mutation(() => CommandPayload, { description: 'Set the reward caps. Program managers.' })
  setRewardPolicy(
    @Arg('input', () => SetRewardPolicyInput) input: SetRewardPolicyInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, ...data } = input;
    return executeCommand(context, 'SetRewardPolicy', commandId, data);
  }

  @Mutation(() => CommandPayload, { description: 'Set the profile freshness policy. Program managers.' })
  setFreshnessPolicy(
    @Arg('input', () => SetFreshnessPolicyInput) input: SetFreshnessPolicyInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, ...data } = input;
    return executeCommand(context, 'SetFreshnessPolicy', commandId, data);
  }

  @Mutation(() => CommandPayload, { description: 'Set the nomination health threshold. Program managers.' })
  setNominationPolicy(
    @Arg('input', () => SetNominationPolicyInput) input: SetNominationPolicyInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, ...data } = input;
    return executeCommand(context, 'SetNominationPolicy', commandId, data);
  }

  @Mutation(() => CommandPayload, {
    description: 'Set the retention of retired advocates’ data. Program managers and admins.',
  })
  setRetentionPolicy(
    @Arg('input', () => SetRetentionPolicyInput) input: SetRetentionPolicyInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, ...data } = input;
    return executeCommand(context, 'SetRetentionPolicy', commandId, data);
  }

  @Mutation(() => CommandPayload, { description: 'Set a coverage target. Program managers.' })
  setCoverageTarget(
    @Arg('input', () => SetCoverageTargetInput) input: SetCoverageTargetInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, ...data } = input;
    return executeCommand(context, 'SetCoverageTarget', commandId, data);
  }

  @Mutation(() => CommandPayload, { description: 'Remove a coverage target. Program managers.' })
  removeCoverageTarget(
    @Arg('input', () => RemoveCoverageTargetInput) input: RemoveCoverageTargetInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, ...data } = input;
    return executeCommand(context, 'RemoveCoverageTarget', commandId, data);
  }

  @Mutation(() => CommandPayload, { description: 'Wishlist an account. Anyone in sales.' })
  addToWishlist(
    @Arg('input', () => AddToWishlistInput) input: AddToWishlistInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, ...data } = input;
    return executeCommand(context, 'AddToWishlist', commandId, data);
  }

  @Mutation(() => CommandPayload, { description: 'Remove a wish. The wisher or a program manager.' })
  removeFromWishlist(
    @Arg('input', () => RemoveFromWishlistInput) input: RemoveFromWishlistInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, ...data } = input;
    return executeCommand(context, 'RemoveFromWishlist', commandId, data);
  }
}

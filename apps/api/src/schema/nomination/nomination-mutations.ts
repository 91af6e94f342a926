import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import { CommandPayload } from '../common/command-payload';
import { executeCommand } from '../common/execute-command';
import { ApproveNominationInput, NominationReasonInput, SubmitNominationInput } from './nomination-inputs';

/** Nominations: owners propose happy customers, the program decides. */
@Resolver()
export class NominationMutations {
  @Mutation(() => CommandPayload, {
    description:
      'Nominate a customer contact. Program managers, and account owners for their own accounts (or those delegated to them).',
  })
  submitNomination(
    @Arg('input', () => SubmitNominationInput) input: SubmitNominationInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, ...data } = input;
    return executeCommand(context, 'SubmitNomination', commandId, data);
  }

  @Mutation(() => CommandPayload, { description: 'Approve a nomination. Program managers.' })
  approveNomination(
    @Arg('input', () => ApproveNominationInput) input: ApproveNominationInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, nominationId, ...data } = input;
    return executeCommand(context, 'ApproveNomination', commandId, data, nominationId);
  }

  @Mutation(() => CommandPayload, { description: 'Reject a nomination. Program managers.' })
  rejectNomination(
    @Arg('input', () => NominationReasonInput) input: NominationReasonInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, nominationId, ...data } = input;
    return executeCommand(context, 'RejectNomination', commandId, data, nominationId);
  }

  @Mutation(() => CommandPayload, {
    description:
      'Withdraw a nomination. Program managers, and account owners for their own accounts (or those delegated to them).',
  })
  withdrawNomination(
    @Arg('input', () => NominationReasonInput) input: NominationReasonInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, nominationId, ...data } = input;
    return executeCommand(context, 'WithdrawNomination', commandId, data, nominationId);
  }
}

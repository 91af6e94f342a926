import { Arg, Ctx, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import type { CommandPayload } from '../common/command-payload';
import { COMMAND_INPUT, CommandMutation } from '../common/command-mutation';
import { executeCommand } from '../common/execute-command';
import { ApproveNominationInput, NominationReasonInput, SubmitNominationInput } from './nomination-inputs';

/** Nominations: owners propose happy customers, the program decides. */
@Resolver()
export class NominationMutations {
  @CommandMutation({
    description:
      'Nominate a customer contact. Program managers, and account owners for their own accounts (or those delegated to them).',
  })
  submitNomination(
    @Arg('input', () => SubmitNominationInput, COMMAND_INPUT) input: SubmitNominationInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, ...data } = input;
    return executeCommand(context, 'SubmitNomination', commandId, data);
  }

  @CommandMutation({ description: 'Approve a nomination. Program managers.' })
  approveNomination(
    @Arg('input', () => ApproveNominationInput, COMMAND_INPUT) input: ApproveNominationInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, nominationId, ...data } = input;
    return executeCommand(context, 'ApproveNomination', commandId, data, nominationId);
  }

  @CommandMutation({ description: 'Reject a nomination. Program managers.' })
  rejectNomination(
    @Arg('input', () => NominationReasonInput, COMMAND_INPUT) input: NominationReasonInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, nominationId, ...data } = input;
    return executeCommand(context, 'RejectNomination', commandId, data, nominationId);
  }

  @CommandMutation({
    description:
      'Withdraw a nomination. Program managers, and account owners for their own accounts (or those delegated to them).',
  })
  withdrawNomination(
    @Arg('input', () => NominationReasonInput, COMMAND_INPUT) input: NominationReasonInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, nominationId, ...data } = input;
    return executeCommand(context, 'WithdrawNomination', commandId, data, nominationId);
  }
}

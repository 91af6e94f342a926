import { Arg, Ctx, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import type { CommandPayload } from '../common/command-payload';
import { COMMAND_INPUT, CommandMutation } from '../common/command-mutation';
import { executeCommand } from '../common/execute-command';
import {
  ArchiveAccountInput,
  DelegateAccountInput,
  GrantAccountConsentInput,
  ReassignAccountOwnerInput,
  RecordAccountHealthInput,
  RegisterAccountInput,
  RenewAccountConsentInput,
  RevokeAccountDelegationInput,
  UpdateAccountProfileInput,
  WithdrawAccountConsentInput,
} from './account-inputs';

/** Customer accounts: profile, owner, health and the company's own consents. */
@Resolver()
export class AccountMutations {
  @CommandMutation({
    description:
      'Register an account. Program managers, and account owners for their own accounts (or those delegated to them).',
  })
  registerAccount(
    @Arg('input', () => RegisterAccountInput, COMMAND_INPUT) input: RegisterAccountInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, ...data } = input;
    return executeCommand(context, 'RegisterAccount', commandId, data);
  }

  @CommandMutation({
    description:
      "Update an account's profile. Program managers, and account owners for their own accounts (or those delegated to them).",
  })
  updateAccountProfile(
    @Arg('input', () => UpdateAccountProfileInput, COMMAND_INPUT) input: UpdateAccountProfileInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, accountId, ...data } = input;
    return executeCommand(context, 'UpdateAccountProfile', commandId, data, accountId);
  }

  @CommandMutation({ description: 'Reassign the account owner. Program managers.' })
  reassignAccountOwner(
    @Arg('input', () => ReassignAccountOwnerInput, COMMAND_INPUT) input: ReassignAccountOwnerInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, accountId, ...data } = input;
    return executeCommand(context, 'ReassignAccountOwner', commandId, data, accountId);
  }

  @CommandMutation({
    description:
      'Record account health. Program managers, and account owners for their own accounts (or those delegated to them).',
  })
  recordAccountHealth(
    @Arg('input', () => RecordAccountHealthInput, COMMAND_INPUT) input: RecordAccountHealthInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, accountId, ...data } = input;
    return executeCommand(context, 'RecordAccountHealth', commandId, data, accountId);
  }

  @CommandMutation({ description: "Record the company's own consent. Program managers." })
  grantAccountConsent(
    @Arg('input', () => GrantAccountConsentInput, COMMAND_INPUT) input: GrantAccountConsentInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    return executeCommand(context, 'GrantAccountConsent', input.commandId, input.consent, input.accountId);
  }

  @CommandMutation({ description: "Renew the company's consent. Program managers." })
  renewAccountConsent(
    @Arg('input', () => RenewAccountConsentInput, COMMAND_INPUT) input: RenewAccountConsentInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    return executeCommand(context, 'RenewAccountConsent', input.commandId, input.consent, input.accountId);
  }

  @CommandMutation({
    description:
      "Withdraw the company's consent; dependent content is suspended. Program managers, and account owners for their own accounts (or those delegated to them).",
  })
  withdrawAccountConsent(
    @Arg('input', () => WithdrawAccountConsentInput, COMMAND_INPUT) input: WithdrawAccountConsentInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    return executeCommand(
      context,
      'WithdrawAccountConsent',
      input.commandId,
      input.withdrawal,
      input.accountId,
    );
  }

  @CommandMutation({ description: 'Archive an account. Program managers.' })
  archiveAccount(
    @Arg('input', () => ArchiveAccountInput, COMMAND_INPUT) input: ArchiveAccountInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, accountId, ...data } = input;
    return executeCommand(context, 'ArchiveAccount', commandId, data, accountId);
  }

  @CommandMutation({
    description:
      "Let a colleague act for the account until a date; a new owner starts without the previous owner's delegates. The account's owner, or an admin.",
  })
  delegateAccount(
    @Arg('input', () => DelegateAccountInput, COMMAND_INPUT) input: DelegateAccountInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, accountId, ...data } = input;
    return executeCommand(context, 'DelegateAccount', commandId, data, accountId);
  }

  @CommandMutation({
    description: "End a delegation of the account early. The account's owner, or an admin.",
  })
  revokeAccountDelegation(
    @Arg('input', () => RevokeAccountDelegationInput, COMMAND_INPUT) input: RevokeAccountDelegationInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, accountId, ...data } = input;
    return executeCommand(context, 'RevokeAccountDelegation', commandId, data, accountId);
  }
}

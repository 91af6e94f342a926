import { Arg, Ctx, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import type { CommandPayload } from '../common/command-payload';
import { COMMAND_INPUT, CommandMutation } from '../common/command-mutation';
import { executeCommand } from '../common/execute-command';
import {
  GrantConsentInput,
  RecordConsentExpiryInput,
  RenewConsentInput,
  WithdrawConsentInput,
} from './advocate-consent-inputs';

/** Advocates' consents: what each has permitted, and withdrawals that take effect at once. */
@Resolver()
export class ConsentMutations {
  @CommandMutation({ description: "Record an advocate's consent. Program managers." })
  grantConsent(
    @Arg('input', () => GrantConsentInput, COMMAND_INPUT) input: GrantConsentInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    return executeCommand(context, 'GrantConsent', input.commandId, input.consent, input.advocateId);
  }

  @CommandMutation({ description: "Renew an advocate's consent. Program managers." })
  renewConsent(
    @Arg('input', () => RenewConsentInput, COMMAND_INPUT) input: RenewConsentInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    return executeCommand(context, 'RenewConsent', input.commandId, input.consent, input.advocateId);
  }

  @CommandMutation({
    description:
      'Withdraw a consent: pending engagements for the withdrawn kinds are released and dependent content suspended. Program managers, and account owners for their own accounts (or those delegated to them).',
  })
  withdrawConsent(
    @Arg('input', () => WithdrawConsentInput, COMMAND_INPUT) input: WithdrawConsentInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    return executeCommand(context, 'WithdrawConsent', input.commandId, input.withdrawal, input.advocateId);
  }

  @CommandMutation({ description: 'Record that a consent expired. Program managers.' })
  recordConsentExpiry(
    @Arg('input', () => RecordConsentExpiryInput, COMMAND_INPUT) input: RecordConsentExpiryInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'RecordConsentExpiry', commandId, data, advocateId);
  }
}

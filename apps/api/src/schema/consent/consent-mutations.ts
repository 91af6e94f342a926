import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import { CommandPayload } from '../common/command-payload';
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
  @Mutation(() => CommandPayload, { description: "Record an advocate's consent. Program managers." })
  grantConsent(
    @Arg('input', () => GrantConsentInput) input: GrantConsentInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    return executeCommand(context, 'GrantConsent', input.commandId, input.consent, input.advocateId);
  }

  @Mutation(() => CommandPayload, { description: "Renew an advocate's consent. Program managers." })
  renewConsent(
    @Arg('input', () => RenewConsentInput) input: RenewConsentInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    return executeCommand(context, 'RenewConsent', input.commandId, input.consent, input.advocateId);
  }

  @Mutation(() => CommandPayload, {
    description:
      'Withdraw a consent: pending engagements for the withdrawn kinds are released and dependent content suspended. Program managers, and account owners for their own accounts (or those delegated to them).',
  })
  withdrawConsent(
    @Arg('input', () => WithdrawConsentInput) input: WithdrawConsentInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    return executeCommand(context, 'WithdrawConsent', input.commandId, input.withdrawal, input.advocateId);
  }

  @Mutation(() => CommandPayload, { description: 'Record that a consent expired. Program managers.' })
  recordConsentExpiry(
    @Arg('input', () => RecordConsentExpiryInput) input: RecordConsentExpiryInput,
    @Ctx() context: ApiContext,
  ): Promise<CommandPayload> {
    const { commandId, advocateId, ...data } = input;
    return executeCommand(context, 'RecordConsentExpiry', commandId, data, advocateId);
  }
}

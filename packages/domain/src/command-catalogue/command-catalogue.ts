import type { CommandDefinition, CommandRows, CommandType } from './command-definition';
import { ACCOUNT_COMMANDS } from './account-command-rows';
import { ADVOCATE_COMMANDS } from './advocate-command-rows';
import { ADVOCATE_CONSENT_COMMANDS } from './advocate-consent-command-rows';
import { ADVOCATE_DEPARTURE_COMMANDS } from './advocate-departure-command-rows';
import { ADVOCATE_ENGAGEMENT_COMMANDS } from './advocate-engagement-command-rows';
import { CONTENT_ASSET_COMMANDS } from './content-asset-command-rows';
import { NOMINATION_COMMANDS } from './nomination-command-rows';
import { PROGRAM_COMMANDS } from './program-command-rows';
import { REFERENCE_REQUEST_COMMANDS } from './reference-request-command-rows';
import { SCHEDULING_COMMANDS } from './scheduling-command-rows';
import { REQUEST_MODE_COMMANDS } from './request-mode-command-rows';
import { SUPPRESSION_COMMANDS } from './suppression-command-rows';
import { ADVOCATE_FEEDBACK_COMMANDS } from './advocate-feedback-command-rows';

/**
 * Every command of the domain: its aggregate, whether it creates the stream, what it does and
 * its payload schema. Exhaustive over `CommandType`: the compiler refuses a command without a
 * row. Routes, the GraphQL inputs and `docs/commands.md` derive from it; who may run each
 * command is the application's half of the row.
 */
export const COMMAND_CATALOGUE: CommandRows<CommandType> = {
  ...PROGRAM_COMMANDS,
  ...ACCOUNT_COMMANDS,
  ...ADVOCATE_COMMANDS,
  ...ADVOCATE_CONSENT_COMMANDS,
  ...ADVOCATE_DEPARTURE_COMMANDS,
  ...ADVOCATE_ENGAGEMENT_COMMANDS,
  ...NOMINATION_COMMANDS,
  ...REFERENCE_REQUEST_COMMANDS,
  ...CONTENT_ASSET_COMMANDS,
  ...SCHEDULING_COMMANDS,
  ...REQUEST_MODE_COMMANDS,
  ...SUPPRESSION_COMMANDS,
  ...ADVOCATE_FEEDBACK_COMMANDS,
};

/** Every command type, in catalogue order. */
export const COMMAND_TYPES = Object.keys(COMMAND_CATALOGUE) as CommandType[];

/** The catalogue row of a command type. */
export function commandDefinition(type: CommandType): CommandDefinition {
  return COMMAND_CATALOGUE[type] as CommandDefinition;
}

import {
  handleWith,
  parseWith,
  type CommandHandlers,
  type CommandParsers,
  type ParsedCommand,
} from '../shared/command-handlers';
import type { Decider } from '../shared/decider';
import type { AdvocateCommand } from './advocate-commands';
import type { AdvocateDecisionContext } from './advocate-decision-context';
import type { AdvocateEvent } from './advocate-events';
import { requireEnrolled } from './advocate-guards';
import { evolveAdvocate, initialAdvocateState, type AdvocateState } from './advocate-state';
import { consentParsers, consentRules } from './consent-rules';
import { engagementParsers } from './engagement-parsers';
import { engagementRules } from './engagement-rules';
import { enrolmentParsers, enrolmentRules } from './enrolment-rules';
import { privacyParsers, privacyRules } from './privacy-rules';
import { rewardParsers, rewardRules } from './reward-rules';
import { verificationParsers, verificationRules } from './verification-rules';

export type { AdvocateDecisionContext } from './advocate-decision-context';

const ADVOCATE_PARSERS = {
  ...enrolmentParsers,
  ...consentParsers,
  ...engagementParsers,
  ...rewardParsers,
  ...verificationParsers,
  ...privacyParsers,
} satisfies CommandParsers<AdvocateCommand, AdvocateDecisionContext>;

/** An advocate command whose payload has been checked. */
export type ParsedAdvocateCommand = ParsedCommand<typeof ADVOCATE_PARSERS>;

/** The parse step: checks an advocate command's payload (VALIDATION errors) before any rule runs. */
export function parseAdvocateCommand(
  command: AdvocateCommand,
  context: AdvocateDecisionContext,
): ParsedAdvocateCommand {
  return parseWith(ADVOCATE_PARSERS, command, context);
}

/** One named rule per advocate command, by lifecycle concern; the compiler checks none is missing. */
const ADVOCATE_RULES: CommandHandlers<
  typeof ADVOCATE_PARSERS,
  AdvocateState,
  AdvocateEvent,
  AdvocateDecisionContext
> = {
  ...enrolmentRules,
  ...consentRules,
  ...engagementRules,
  ...rewardRules,
  ...verificationRules,
  ...privacyRules,
};

function decide(
  command: AdvocateCommand,
  state: AdvocateState,
  context: AdvocateDecisionContext,
): AdvocateEvent[] {
  if (command.type !== 'EnrolAdvocate') requireEnrolled(state, command.type);
  return handleWith(ADVOCATE_RULES, parseAdvocateCommand(command, context), state, context);
}

/** The Advocate decider: owns consents, engagements and usage, so the consent and fatigue gates hold here. */
export const advocateDecider: Decider<
  AdvocateCommand,
  AdvocateState,
  AdvocateEvent,
  AdvocateDecisionContext
> = {
  name: 'Advocate',
  initialState: initialAdvocateState,
  decide,
  evolve: evolveAdvocate,
};

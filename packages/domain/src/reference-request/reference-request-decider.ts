import {
  handleWith,
  parseWith,
  type CommandHandlers,
  type CommandParsers,
  type ParsedCommand,
} from '../shared/command-handlers';
import type { Decider } from '../shared/decider';
import { activityParsers, activityRules } from './activity-rules';
import { approvalParsers, approvalRules } from './approval-rules';
import { closingParsers, closingRules } from './closing-rules';
import { intakeParsers, intakeRules } from './intake-rules';
import type { ReferenceRequestCommand } from './reference-request-commands';
import type { ReferenceRequestDecisionContext } from './reference-request-decision-context';
import type { ReferenceRequestEvent } from './reference-request-events';
import {
  evolveReferenceRequest,
  initialReferenceRequestState,
  type ReferenceRequestState,
} from './reference-request-state';
import { requireSubmitted } from './request-guards';

export type { ReferenceRequestDecisionContext } from './reference-request-decision-context';

const REQUEST_PARSERS = {
  ...intakeParsers,
  ...approvalParsers,
  ...activityParsers,
  ...closingParsers,
} satisfies CommandParsers<ReferenceRequestCommand, ReferenceRequestDecisionContext>;

/** A reference-request command whose payload has been checked. */
export type ParsedReferenceRequestCommand = ParsedCommand<typeof REQUEST_PARSERS>;

/** The parse step: checks a request command's payload (VALIDATION errors) before any rule runs. */
export function parseReferenceRequestCommand(
  command: ReferenceRequestCommand,
  context: ReferenceRequestDecisionContext,
): ParsedReferenceRequestCommand {
  return parseWith(REQUEST_PARSERS, command, context);
}

/** One named rule per request command, by stage; the compiler checks none is missing. */
const REQUEST_RULES: CommandHandlers<
  typeof REQUEST_PARSERS,
  ReferenceRequestState,
  ReferenceRequestEvent,
  ReferenceRequestDecisionContext
> = {
  ...intakeRules,
  ...approvalRules,
  ...activityRules,
  ...closingRules,
};

function decide(
  command: ReferenceRequestCommand,
  state: ReferenceRequestState,
  context: ReferenceRequestDecisionContext,
): ReferenceRequestEvent[] {
  if (command.type !== 'SubmitReferenceRequest') requireSubmitted(state);
  return handleWith(REQUEST_RULES, parseReferenceRequestCommand(command, context), state, context);
}

/** The ReferenceRequest decider: one ask for advocates, from any department, through its whole lifecycle. */
export const referenceRequestDecider: Decider<
  ReferenceRequestCommand,
  ReferenceRequestState,
  ReferenceRequestEvent,
  ReferenceRequestDecisionContext
> = {
  name: 'ReferenceRequest',
  initialState: initialReferenceRequestState,
  decide,
  evolve: evolveReferenceRequest,
};

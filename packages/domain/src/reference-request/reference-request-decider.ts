import { commandRules } from '../shared/command-handlers';
import type { Decider } from '../shared/decider';
import { activityParsers, activityRules } from './activity-rules';
import { approvalParsers, approvalRules } from './approval-rules';
import { closingParsers, closingRules } from './closing-rules';
import { intakeParsers, intakeRules } from './intake-rules';
import type { ReferenceRequestCommand } from './reference-request-commands';
import type { ReferenceRequestDecisionContext } from './reference-request-decision-context';
import type { ReferenceRequestEvent } from './reference-request-events';
import { selfServeRequestParsers, selfServeRequestRules } from './self-serve-rules';
import {
  evolveReferenceRequest,
  initialReferenceRequestState,
  type ReferenceRequestState,
} from './reference-request-state';
import { requireSubmitted } from './request-guards';
import { schedulingParsers, schedulingRules } from './scheduling-rules';

export type { ReferenceRequestDecisionContext } from './reference-request-decision-context';

/** The request's rules by stage, each command one named rule after one parse step. */
const REQUEST_RULES = commandRules<
  ReferenceRequestCommand,
  ReferenceRequestState,
  ReferenceRequestEvent,
  ReferenceRequestDecisionContext
>()(
  {
    ...intakeParsers,
    ...approvalParsers,
    ...activityParsers,
    ...schedulingParsers,
    ...closingParsers,
    ...selfServeRequestParsers,
  },
  {
    ...intakeRules,
    ...approvalRules,
    ...activityRules,
    ...schedulingRules,
    ...closingRules,
    ...selfServeRequestRules,
  },
  (command, state) => {
    if (command.type !== 'SubmitReferenceRequest') requireSubmitted(state);
  },
);

/** A reference-request command whose payload has been checked. */
export type ParsedReferenceRequestCommand = ReturnType<typeof REQUEST_RULES.parse>;

/** The parse step: checks a request command's payload (VALIDATION errors) before any rule runs. */
export const parseReferenceRequestCommand = REQUEST_RULES.parse;

/** The ReferenceRequest decider: one ask for advocates, from any department, through its whole lifecycle. */
export const referenceRequestDecider: Decider<
  ReferenceRequestCommand,
  ReferenceRequestState,
  ReferenceRequestEvent,
  ReferenceRequestDecisionContext
> = {
  name: 'ReferenceRequest',
  initialState: initialReferenceRequestState,
  decide: REQUEST_RULES.decide,
  evolve: evolveReferenceRequest,
};

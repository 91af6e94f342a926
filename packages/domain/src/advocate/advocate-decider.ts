import { commandRules } from '../shared/command-handlers';
import type { Decider } from '../shared/decider';
import type { AdvocateCommand } from './advocate-commands';
import type { AdvocateDecisionContext } from './advocate-decision-context';
import type { AdvocateEvent } from './advocate-events';
import { requireEnrolled } from './advocate-guards';
import { evolveAdvocate, initialAdvocateState, type AdvocateState } from './advocate-state';
import { consentParsers, consentRules } from './consent-rules';
import { departureParsers, departureRules } from './departure-rules';
import { engagementParsers } from './engagement-parsers';
import { engagementRules } from './engagement-rules';
import { advocateFeedbackParsers, advocateFeedbackRules } from './advocate-feedback';
import { enrolmentParsers, enrolmentRules } from './enrolment-rules';
import { missedEngagementParsers, missedEngagementRules } from './missed-engagement-rules';
import { privacyParsers, privacyRules } from './privacy-rules';
import { selfServeParsers, selfServeRules } from './self-serve-rules';
import { rewardParsers, rewardRules } from './reward-rules';
import { verificationParsers, verificationRules } from './verification-rules';

export type { AdvocateDecisionContext } from './advocate-decision-context';

/** The advocate's rules by lifecycle concern, each command one named rule after one parse step. */
const ADVOCATE_RULES = commandRules<AdvocateCommand, AdvocateState, AdvocateEvent, AdvocateDecisionContext>()(
  {
    ...enrolmentParsers,
    ...consentParsers,
    ...departureParsers,
    ...engagementParsers,
    ...advocateFeedbackParsers,
    ...rewardParsers,
    ...verificationParsers,
    ...privacyParsers,
    ...missedEngagementParsers,
    ...selfServeParsers,
  },
  {
    ...enrolmentRules,
    ...consentRules,
    ...departureRules,
    ...engagementRules,
    ...advocateFeedbackRules,
    ...rewardRules,
    ...verificationRules,
    ...privacyRules,
    ...missedEngagementRules,
    ...selfServeRules,
  },
  (command, state) => {
    if (command.type !== 'EnrolAdvocate') requireEnrolled(state, command.type);
  },
);

/** An advocate command whose payload has been checked. */
export type ParsedAdvocateCommand = ReturnType<typeof ADVOCATE_RULES.parse>;

/** The parse step: checks an advocate command's payload (VALIDATION errors) before any rule runs. */
export const parseAdvocateCommand = ADVOCATE_RULES.parse;

/** The Advocate decider: owns consents, engagements and usage, so the consent and fatigue gates hold here. */
export const advocateDecider: Decider<
  AdvocateCommand,
  AdvocateState,
  AdvocateEvent,
  AdvocateDecisionContext
> = {
  name: 'Advocate',
  initialState: initialAdvocateState,
  decide: ADVOCATE_RULES.decide,
  evolve: evolveAdvocate,
};

import { ANY, PM, PM_OR_ACCOUNT, type Grant } from './grants';

/**
 * Who may run the suppression and advocate-feedback commands (issue 16): the program sets the rules and reviews; an owner
 * keeps their own customers' renewal date and escalations (and so may suppress them).
 */
export const SUPPRESSION_AND_FEEDBACK_PERMISSIONS = {
  SetSuppressionPolicy: PM,
  SetAccountRenewal: PM_OR_ACCOUNT,
  OpenAccountEscalation: PM_OR_ACCOUNT,
  CloseAccountEscalation: PM_OR_ACCOUNT,
  ReviewAccountSuppression: { PROGRAM_MANAGER: ANY },
  // The advocate's side of feedback: the program, or the owner who speaks with them.
  RecordAdvocateFeedback: PM_OR_ACCOUNT,
} satisfies Record<string, Grant>;

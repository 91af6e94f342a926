import { ANY, PM, PM_OR_ACCOUNT, type Grant } from './grants';

/**
 * Who may run the suppression commands: the program sets the rules and reviews; an owner
 * keeps their own customers' renewal date and escalations (and so may suppress them).
 */
export const SUPPRESSION_PERMISSIONS = {
  SetSuppressionPolicy: PM,
  SetAccountRenewal: PM_OR_ACCOUNT,
  OpenAccountEscalation: PM_OR_ACCOUNT,
  CloseAccountEscalation: PM_OR_ACCOUNT,
  ReviewAccountSuppression: { PROGRAM_MANAGER: ANY },
} satisfies Record<string, Grant>;

import type { CommandRows } from './command-definition';
import { GRANT_CONSENT_PAYLOAD, RENEW_CONSENT_PAYLOAD, WITHDRAW_CONSENT_PAYLOAD } from './shared-payloads';

/** The catalogue rows of the Account commands. */
export const ACCOUNT_COMMANDS = {
  RegisterAccount: {
    aggregate: 'Account',
    createsWith: 'accountId',
    description: 'Register an account.',
    payload: {
      accountId: { kind: 'id', description: 'Id of the new account.' },
      name: { kind: 'text', description: 'Company name.' },
      industry: { kind: 'text', description: 'Industry.' },
      segment: { kind: 'enum', of: 'Segment', description: 'Customer segment.' },
      region: { kind: 'text', description: 'Region.' },
      products: { kind: 'textList', description: 'Products the customer uses.' },
      ownerId: { kind: 'id', description: 'User id of the account owner (AE/CSM).' },
    },
  },
  UpdateAccountProfile: {
    aggregate: 'Account',
    description: "Update an account's profile.",
    payload: {
      name: { kind: 'text', description: 'Company name.' },
      industry: { kind: 'text', description: 'Industry.' },
      segment: { kind: 'enum', of: 'Segment', description: 'Customer segment.' },
      region: { kind: 'text', description: 'Region.' },
      products: { kind: 'textList', description: 'Products the customer uses.' },
    },
  },
  ReassignAccountOwner: {
    aggregate: 'Account',
    description: 'Reassign the account owner.',
    payload: {
      ownerId: { kind: 'id', description: 'User id of the new owner.' },
      reason: { kind: 'text', long: true, description: 'Why.' },
    },
  },
  RecordAccountHealth: {
    aggregate: 'Account',
    description: 'Record account health as customer success measures it.',
    payload: {
      healthScore: { kind: 'int', min: 0, max: 100, description: 'Health score, 0–100.' },
      nps: {
        kind: 'int',
        min: -100,
        max: 100,
        description: 'Net promoter score, −100…100, when known.',
        optional: true,
      },
      csat: {
        kind: 'int',
        min: 0,
        max: 100,
        description: 'Customer satisfaction, 0–100, when known.',
        optional: true,
      },
    },
  },
  GrantAccountConsent: {
    aggregate: 'Account',
    description: "Record the company's own consent (for its logo, or company-level case studies).",
    payload: GRANT_CONSENT_PAYLOAD,
  },
  RenewAccountConsent: {
    aggregate: 'Account',
    description: "Renew the company's consent.",
    payload: RENEW_CONSENT_PAYLOAD,
  },
  WithdrawAccountConsent: {
    aggregate: 'Account',
    description: "Withdraw a company's consent; takes effect at once.",
    payload: WITHDRAW_CONSENT_PAYLOAD,
  },
  ArchiveAccount: {
    aggregate: 'Account',
    description: 'Archive an account that is no longer a customer.',
    payload: {
      reason: { kind: 'text', long: true, description: 'Why.' },
    },
  },
  DelegateAccount: {
    aggregate: 'Account',
    description:
      "Let a colleague act for the account until a date; a new owner starts without the previous owner's delegates.",
    payload: {
      delegateId: { kind: 'id', description: 'User id of the colleague who acts for the owner.' },
      until: { kind: 'instant', description: 'When the delegation ends by itself.' },
      reason: { kind: 'text', long: true, description: 'Why.' },
    },
  },
  RevokeAccountDelegation: {
    aggregate: 'Account',
    description: 'End a delegation of the account early.',
    payload: {
      delegateId: { kind: 'id', description: 'User id of the colleague whose delegation ends.' },
    },
  },
} satisfies CommandRows<
  | 'RegisterAccount'
  | 'UpdateAccountProfile'
  | 'ReassignAccountOwner'
  | 'RecordAccountHealth'
  | 'GrantAccountConsent'
  | 'RenewAccountConsent'
  | 'WithdrawAccountConsent'
  | 'ArchiveAccount'
  | 'DelegateAccount'
  | 'RevokeAccountDelegation'
>;

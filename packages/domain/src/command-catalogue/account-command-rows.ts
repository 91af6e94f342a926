import type { CommandRows } from './command-definition';

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
    description: 'Record account health.',
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
    description: "Record the company's own consent.",
    payload: {
      consentId: { kind: 'id', description: 'Id of the new consent.' },
      kinds: { kind: 'enumList', of: 'ActivityKind', description: 'The activity kinds permitted.' },
      territories: {
        kind: 'textList',
        description: 'Region or country codes where uses are permitted; `GLOBAL` covers every territory.',
      },
      channels: { kind: 'enumList', of: 'Channel', description: 'The channels uses may be made in.' },
      validFrom: { kind: 'instant', description: 'From when the consent is in force.' },
      validUntil: {
        kind: 'instant',
        description: 'Until when it is in force; open-ended when omitted.',
        optional: true,
      },
      maxUses: {
        kind: 'int',
        min: 1,
        max: 10000,
        description: 'At most this many uses; unlimited when omitted.',
        optional: true,
      },
      perUseApprovalRequired: {
        kind: 'boolean',
        description: 'Whether each use needs the holder’s own approval.',
        optional: true,
      },
      collectionMethod: {
        kind: 'enum',
        of: 'ConsentCollectionMethod',
        description: 'How the consent was collected.',
      },
      collectedAt: { kind: 'instant', description: 'When it was collected.' },
      evidenceHash: {
        kind: 'text',
        description: 'SHA-256 (hex) of the signed document or recording.',
        optional: true,
      },
      noticeVersion: { kind: 'text', description: 'Version of the privacy notice the holder was shown.' },
    },
  },
  RenewAccountConsent: {
    aggregate: 'Account',
    description: "Renew the company's consent.",
    payload: {
      consentId: { kind: 'id', description: 'The consent to renew.' },
      validUntil: { kind: 'instant', description: 'New end of validity.', optional: true },
      maxUses: { kind: 'int', min: 1, max: 10000, description: 'New maximum of uses.', optional: true },
      collectionMethod: {
        kind: 'enum',
        of: 'ConsentCollectionMethod',
        description: 'How the renewal was collected.',
      },
      collectedAt: { kind: 'instant', description: 'When it was collected.' },
      evidenceHash: {
        kind: 'text',
        description: 'SHA-256 (hex) of the signed document or recording.',
        optional: true,
      },
      noticeVersion: { kind: 'text', description: 'Version of the privacy notice the holder was shown.' },
    },
  },
  WithdrawAccountConsent: {
    aggregate: 'Account',
    description: "Withdraw the company's consent; dependent content is suspended.",
    payload: {
      consentId: { kind: 'id', description: 'The consent to withdraw.' },
      kinds: {
        kind: 'enumList',
        of: 'ActivityKind',
        description: 'Only these kinds; every kind of the consent when omitted.',
        optional: true,
      },
      reason: { kind: 'text', long: true, description: 'Why, in the holder’s words if possible.' },
    },
  },
  ArchiveAccount: {
    aggregate: 'Account',
    description: 'Archive an account.',
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

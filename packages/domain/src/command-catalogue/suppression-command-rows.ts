import type { CommandRows } from './command-definition';

/** The catalogue rows of automatic suppression: the program's rules and the account facts they read. */
export const SUPPRESSION_COMMANDS = {
  SetSuppressionPolicy: {
    aggregate: 'Program',
    description:
      "Turn automatic suppression on or off: an account's advocates are not asked near its renewal, while its health is low or while an escalation is open.",
    payload: {
      renewalWithinDays: {
        kind: 'int',
        min: 1,
        max: 365,
        description: 'Suppress from this many days before the renewal until it has passed; left out: off.',
        optional: true,
      },
      healthBelow: {
        kind: 'int',
        min: 1,
        max: 100,
        description: 'Suppress while the account health score is below this; left out: off.',
        optional: true,
      },
      openEscalation: { kind: 'boolean', description: 'Suppress while the account has an open escalation.' },
    },
  },
  SetAccountRenewal: {
    aggregate: 'Account',
    description: "Record the account's next renewal date (the renewal suppression rule reads it).",
    payload: {
      renewalAt: { kind: 'instant', description: 'When the contract renews.' },
    },
  },
  OpenAccountEscalation: {
    aggregate: 'Account',
    description: 'Record that a customer escalation is open on the account.',
    payload: {
      escalationId: { kind: 'id', description: 'Id of the escalation (e.g. the support ticket).' },
      summary: { kind: 'text', long: true, description: 'What the escalation is about.' },
    },
  },
  CloseAccountEscalation: {
    aggregate: 'Account',
    description: 'Record that an escalation on the account is closed.',
    payload: {
      escalationId: { kind: 'id', description: 'Id of the open escalation.' },
      resolution: { kind: 'text', long: true, description: 'How it was resolved.' },
    },
  },
  ReviewAccountSuppression: {
    aggregate: 'Account',
    description:
      'Check the account against the suppression rules now (due work does this when a renewal window opens or ends, and after a policy change).',
    payload: {},
  },
} satisfies CommandRows<
  | 'SetSuppressionPolicy'
  | 'SetAccountRenewal'
  | 'OpenAccountEscalation'
  | 'CloseAccountEscalation'
  | 'ReviewAccountSuppression'
>;

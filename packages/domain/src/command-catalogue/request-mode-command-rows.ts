import type { CommandRows } from './command-definition';

const KIND_MODE = {
  name: 'KindRequestMode',
  description: 'The request mode of one activity kind.',
  fields: {
    kind: { kind: 'enum', of: 'ActivityKind', description: 'The activity kind.' },
    mode: { kind: 'enum', of: 'RequestMode', description: 'How its requests are fulfilled.' },
  },
} as const;

/** The catalogue rows of request modes (issue 16): program modes, the self-serve pool, content use. */
export const REQUEST_MODE_COMMANDS = {
  SetRequestModePolicy: {
    aggregate: 'Program',
    description:
      'Set how requests are fulfilled: PM-fulfilled, owner-approved (default), self-serve from the pool, or auto-complete (content).',
    payload: {
      defaultMode: { kind: 'enum', of: 'RequestMode', description: 'The mode of every kind not listed.' },
      kindModes: {
        kind: 'objectList',
        shape: KIND_MODE,
        description: 'Kinds set apart from the default (AUTO_COMPLETE fits content kinds only).',
        optional: true,
      },
    },
  },
  PreApproveSelfServe: {
    aggregate: 'Advocate',
    description:
      'The account owner puts the advocate in the self-serve pool: reps may take them without a per-ask approval (consent and fatigue still hold; the owner is told).',
    payload: {
      preApprovalId: { kind: 'id', description: 'Id of the new pre-approval.' },
      kinds: {
        kind: 'enumList',
        of: 'ActivityKind',
        description: 'The kinds reps may take the advocate for.',
      },
      validFrom: { kind: 'instant', description: 'From when; now when omitted.', optional: true },
      validUntil: { kind: 'instant', description: 'Until when (the pre-approval lapses then).' },
    },
  },
  RevokeSelfServePreApproval: {
    aggregate: 'Advocate',
    description: 'Take the advocate out of the self-serve pool; later asks need the owner again.',
    payload: {
      preApprovalId: { kind: 'id', description: 'The pre-approval to revoke.' },
      reason: { kind: 'text', long: true, description: 'Why.' },
    },
  },
  RecordContentUse: {
    aggregate: 'Advocate',
    description:
      "Count a use of content against the advocate's consent (its max uses); the content-use workflow records it.",
    payload: {
      contentId: { kind: 'id', description: 'The content used.' },
      kind: { kind: 'enum', of: 'ContentKind', description: 'The kind of content.' },
      territory: { kind: 'text', description: 'Where it is used; the consent must cover it.' },
      channel: { kind: 'enum', of: 'Channel', description: 'How it is used; the consent must cover it.' },
      requestId: { kind: 'id', description: 'The request the use serves, if any.', optional: true },
    },
  },
  TakeFromSelfServePool: {
    aggregate: 'ReferenceRequest',
    description:
      'Self-serve: the requester takes an advocate the account owner pre-approved (request mode SELF_SERVE); consent, fatigue and status gates hold; the owner is notified.',
    payload: {
      advocateId: { kind: 'id', description: 'The advocate from the self-serve pool.' },
      engagementId: {
        kind: 'id',
        description:
          'The engagement reserved for the take (the API derives it from the request and the advocate).',
      },
      activityAt: {
        kind: 'instant',
        description: 'When the activity is expected; now when omitted.',
        optional: true,
      },
    },
  },
  UseContent: {
    aggregate: 'ContentAsset',
    description:
      "Use published content: within its cap and before its expiry, under consents in force; counted against each advocate's consent. A requester records it on their own request when the program set the kind to AUTO_COMPLETE.",
    payload: {
      where: {
        kind: 'text',
        description: 'Where it is used (a deck, a page, a proposal); no names of people.',
      },
      requestId: { kind: 'id', description: 'The reference request the use serves, if any.', optional: true },
    },
  },
} satisfies CommandRows<
  | 'SetRequestModePolicy'
  | 'PreApproveSelfServe'
  | 'RevokeSelfServePreApproval'
  | 'RecordContentUse'
  | 'TakeFromSelfServePool'
  | 'UseContent'
>;

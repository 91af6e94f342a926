import type { CommandRows } from './command-definition';
import { CONSENT_HOLDER } from './payload-shapes';

/** The catalogue rows of the ContentAsset commands. */
export const CONTENT_ASSET_COMMANDS = {
  DraftContent: {
    aggregate: 'ContentAsset',
    createsWith: 'contentId',
    description: 'Draft a content asset (case study, quote, video, logo).',
    payload: {
      contentId: { kind: 'id', description: 'Id of the new asset.' },
      kind: { kind: 'enum', of: 'ContentKind', description: 'The kind of asset.' },
      title: { kind: 'text', description: 'Title.' },
      accountId: { kind: 'id', description: 'The account it is about.' },
      holders: { kind: 'objectList', shape: CONSENT_HOLDER, description: 'Whose consents it relies on.' },
      territory: { kind: 'text', description: 'Where it will be used; the consents must cover it.' },
      channel: {
        kind: 'enum',
        of: 'Channel',
        description: 'How it will be used; the consents must cover it.',
      },
    },
  },
  ApproveContent: {
    aggregate: 'ContentAsset',
    description: "Record the customer's sign-off.",
    payload: {
      evidence: { kind: 'text', long: true, description: 'Where the sign-off is recorded (no names).' },
    },
  },
  PublishContent: {
    aggregate: 'ContentAsset',
    description: 'Publish an asset; its consents must be in force.',
    payload: {
      url: { kind: 'text', long: true, description: 'Where it is published.', optional: true },
      maxUses: {
        kind: 'int',
        min: 1,
        max: 1000000,
        description: 'The most uses allowed (each one recorded); uncapped when omitted.',
        optional: true,
      },
      expiresAt: {
        kind: 'instant',
        description: 'No use after this instant; no expiry when omitted.',
        optional: true,
      },
    },
  },
  SuspendContent: {
    aggregate: 'ContentAsset',
    description: 'Suspend an asset.',
    payload: {
      reason: { kind: 'enum', of: 'ContentSuspensionReason', description: 'Why.' },
      consentId: { kind: 'id', description: 'The consent concerned, if any.', optional: true },
      note: { kind: 'text', long: true, description: 'Note.', optional: true },
    },
  },
  ReinstateContent: {
    aggregate: 'ContentAsset',
    description: 'Reinstate a suspended asset.',
    payload: {
      note: { kind: 'text', long: true, description: 'Note.', optional: true },
    },
  },
  RetireContent: {
    aggregate: 'ContentAsset',
    description: 'Retire an asset.',
    payload: {
      reason: { kind: 'text', long: true, description: 'Why.' },
    },
  },
} satisfies CommandRows<
  | 'DraftContent'
  | 'ApproveContent'
  | 'PublishContent'
  | 'SuspendContent'
  | 'ReinstateContent'
  | 'RetireContent'
>;

import type { CommandRows } from './command-definition';
import {
  ATTRIBUTES_PAYLOAD,
  CONTACT_PAYLOAD,
  GRANT_CONSENT_PAYLOAD,
  RENEW_CONSENT_PAYLOAD,
  WITHDRAW_CONSENT_PAYLOAD,
} from './shared-payloads';
import { BLACKOUT_PERIOD, MONEY, OWNER_CLEARANCE } from './payload-shapes';

/** The catalogue rows of the Advocate commands. */
export const ADVOCATE_COMMANDS = {
  EnrolAdvocate: {
    aggregate: 'Advocate',
    createsWith: 'advocateId',
    description: 'Enrol an advocate (CANDIDATE).',
    payload: {
      advocateId: { kind: 'id', description: 'Id of the new advocate; personal data is keyed to it.' },
      accountId: { kind: 'id', description: 'The account the advocate works at.' },
      nominationId: {
        kind: 'id',
        description: 'The approved nomination this enrolment follows, if any.',
        optional: true,
      },
      ...CONTACT_PAYLOAD,
      ...ATTRIBUTES_PAYLOAD,
    },
  },
  ActivateAdvocate: {
    aggregate: 'Advocate',
    description: 'Activate a candidate advocate.',
    payload: {},
  },
  UpdateAdvocateContact: {
    aggregate: 'Advocate',
    description: "Update an advocate's contact details.",
    payload: CONTACT_PAYLOAD,
  },
  UpdateAdvocateAttributes: {
    aggregate: 'Advocate',
    description: 'Update what an advocate can speak to.',
    payload: ATTRIBUTES_PAYLOAD,
  },
  SetAdvocatePreferences: {
    aggregate: 'Advocate',
    description: "Set the advocate's own preferences.",
    payload: {
      maxEngagementsPerWindow: {
        kind: 'int',
        min: 0,
        max: 1000,
        description: 'At most this many engagements in `windowDays`.',
        optional: true,
      },
      windowDays: {
        kind: 'int',
        min: 1,
        max: 3650,
        description: 'The window of `maxEngagementsPerWindow`, in days.',
        optional: true,
      },
      minRestDays: {
        kind: 'int',
        min: 0,
        max: 3650,
        description: 'At least this many days between engagements.',
        optional: true,
      },
      preferredActivities: {
        kind: 'enumList',
        of: 'ActivityKind',
        description: 'Activities the advocate prefers.',
        optional: true,
      },
      blackouts: {
        kind: 'objectList',
        shape: BLACKOUT_PERIOD,
        description: 'Periods not to ask in.',
        optional: true,
      },
    },
  },
  RestAdvocate: {
    aggregate: 'Advocate',
    description: 'Rest an advocate until a date.',
    payload: {
      until: { kind: 'instant', description: 'Resting until.' },
      reason: { kind: 'text', long: true, description: 'Why.' },
    },
  },
  ReactivateAdvocate: {
    aggregate: 'Advocate',
    description: 'Reactivate a resting advocate.',
    payload: {},
  },
  RetireAdvocate: {
    aggregate: 'Advocate',
    description: 'Retire an advocate.',
    payload: {
      reason: { kind: 'text', long: true, description: 'Why.' },
    },
  },
  MarkDoNotContact: {
    aggregate: 'Advocate',
    description: 'Mark an advocate do-not-contact; never asked again.',
    payload: {
      reason: { kind: 'text', long: true, description: 'Why.' },
    },
  },
  RequestProfileVerification: {
    aggregate: 'Advocate',
    description: 'Ask for a profile to be verified.',
    payload: {
      verificationId: { kind: 'id', description: 'Id of the new verification request.' },
      askedOf: { kind: 'id', description: 'User id of whoever is asked (usually the account owner).' },
      dueBy: { kind: 'instant', description: 'Answer due by.' },
    },
  },
  VerifyProfile: {
    aggregate: 'Advocate',
    description: 'Confirm a profile is current.',
    payload: {
      verificationId: {
        kind: 'id',
        description: 'The verification request answered, if any.',
        optional: true,
      },
      note: { kind: 'text', long: true, description: 'Note.', optional: true },
    },
  },
  LapseProfileVerification: {
    aggregate: 'Advocate',
    description: 'Record an unanswered verification request.',
    payload: {
      verificationId: { kind: 'id', description: 'The verification request.' },
    },
  },
  GrantConsent: {
    aggregate: 'Advocate',
    description: "Record an advocate's consent.",
    payload: GRANT_CONSENT_PAYLOAD,
  },
  RenewConsent: {
    aggregate: 'Advocate',
    description: "Renew an advocate's consent.",
    payload: RENEW_CONSENT_PAYLOAD,
  },
  WithdrawConsent: {
    aggregate: 'Advocate',
    description:
      'Withdraw a consent: pending engagements for the withdrawn kinds are released and dependent content suspended.',
    payload: WITHDRAW_CONSENT_PAYLOAD,
  },
  RecordConsentExpiry: {
    aggregate: 'Advocate',
    description: 'Record that a consent expired.',
    payload: {
      consentId: { kind: 'id', description: 'The consent that expired.' },
    },
  },
  ReserveEngagement: {
    aggregate: 'Advocate',
    description: 'Reserve an advocate for an activity.',
    payload: {
      engagementId: { kind: 'id', description: 'Id of the new engagement.' },
      requestId: { kind: 'id', description: 'The reference request it serves, if any.', optional: true },
      kind: { kind: 'enum', of: 'ActivityKind', description: 'The activity.' },
      territory: {
        kind: 'text',
        description: 'Where the use is made (region or country code); the consent must cover it.',
      },
      channel: {
        kind: 'enum',
        of: 'Channel',
        description: 'How the use is made; the consent must cover it.',
      },
      activityAt: {
        kind: 'instant',
        description: 'When the activity is expected; now when omitted.',
        optional: true,
      },
      ownerClearance: {
        kind: 'object',
        shape: OWNER_CLEARANCE,
        description: 'How the ask was cleared with the account owner.',
      },
      fatigueOverrideReason: {
        kind: 'text',
        long: true,
        description: "A program manager's reason to override the fatigue limits.",
        optional: true,
      },
    },
  },
  AcceptEngagement: {
    aggregate: 'Advocate',
    description: 'Record that the advocate accepted.',
    payload: {
      engagementId: { kind: 'id', description: 'The engagement.' },
    },
  },
  ApproveUse: {
    aggregate: 'Advocate',
    description: "Record the advocate's approval of one use.",
    payload: {
      engagementId: { kind: 'id', description: 'The engagement.' },
      evidence: {
        kind: 'text',
        long: true,
        description: 'Where the approval is recorded (no personal data).',
      },
    },
  },
  ScheduleEngagement: {
    aggregate: 'Advocate',
    description: 'Schedule an engagement.',
    payload: {
      engagementId: { kind: 'id', description: 'The engagement.' },
      at: { kind: 'instant', description: 'When it takes place.' },
      fatigueOverrideReason: {
        kind: 'text',
        long: true,
        description: "A program manager's reason to override the fatigue limits.",
        optional: true,
      },
    },
  },
  CompleteEngagement: {
    aggregate: 'Advocate',
    description: 'Complete an engagement.',
    payload: {
      engagementId: { kind: 'id', description: 'The engagement.' },
      completedAt: {
        kind: 'instant',
        description: 'When it was completed; now when omitted.',
        optional: true,
      },
    },
  },
  ReleaseEngagement: {
    aggregate: 'Advocate',
    description: 'Release an advocate from an engagement.',
    payload: {
      engagementId: { kind: 'id', description: 'The engagement.' },
      reason: { kind: 'enum', of: 'EngagementReleaseReason', description: 'Why.' },
      note: { kind: 'text', long: true, description: 'Note.', optional: true },
    },
  },
  RecordEngagementFeedback: {
    aggregate: 'Advocate',
    description: 'Rate an engagement.',
    payload: {
      engagementId: { kind: 'id', description: 'The engagement.' },
      rating: { kind: 'int', min: 1, max: 5, description: 'Rating, 1–5.' },
      comment: { kind: 'text', long: true, description: 'Comment.', optional: true },
    },
  },
  PlaceLegalHold: {
    aggregate: 'Advocate',
    description: 'Place a legal hold.',
    payload: {
      holdId: { kind: 'id', description: 'Id of the new hold.' },
      matter: { kind: 'text', long: true, description: 'The legal matter.' },
    },
  },
  ReleaseLegalHold: {
    aggregate: 'Advocate',
    description: 'Release a legal hold.',
    payload: {
      holdId: { kind: 'id', description: 'The hold.' },
      reason: { kind: 'text', long: true, description: 'Why.' },
    },
  },
  RequestErasure: {
    aggregate: 'Advocate',
    description:
      "Erase an advocate's personal data (deferred while a legal hold is in place); history and non-personal facts remain.",
    payload: {
      reason: { kind: 'text', long: true, description: 'Why.' },
    },
  },
  GrantReward: {
    aggregate: 'Advocate',
    description: 'Grant a reward.',
    payload: {
      rewardId: { kind: 'id', description: 'Id of the new reward.' },
      kind: { kind: 'enum', of: 'RewardKind', description: 'What is given.' },
      description: { kind: 'text', long: true, description: 'What exactly.' },
      value: { kind: 'object', shape: MONEY, description: 'Its value.' },
      disclosure: {
        kind: 'text',
        long: true,
        description: 'How the incentive is disclosed (e.g. in the published case study).',
      },
      overCapApprovalReason: {
        kind: 'text',
        long: true,
        description: "A program manager's approval of a reward above the per-reward cap.",
        optional: true,
      },
    },
  },
} satisfies CommandRows<
  | 'EnrolAdvocate'
  | 'ActivateAdvocate'
  | 'UpdateAdvocateContact'
  | 'UpdateAdvocateAttributes'
  | 'SetAdvocatePreferences'
  | 'RestAdvocate'
  | 'ReactivateAdvocate'
  | 'RetireAdvocate'
  | 'MarkDoNotContact'
  | 'RequestProfileVerification'
  | 'VerifyProfile'
  | 'LapseProfileVerification'
  | 'GrantConsent'
  | 'RenewConsent'
  | 'WithdrawConsent'
  | 'RecordConsentExpiry'
  | 'ReserveEngagement'
  | 'AcceptEngagement'
  | 'ApproveUse'
  | 'ScheduleEngagement'
  | 'CompleteEngagement'
  | 'ReleaseEngagement'
  | 'RecordEngagementFeedback'
  | 'PlaceLegalHold'
  | 'ReleaseLegalHold'
  | 'RequestErasure'
  | 'GrantReward'
>;

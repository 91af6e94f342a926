import type { CommandRows } from './command-definition';
import { ATTRIBUTES_PAYLOAD, CONTACT_PAYLOAD } from './shared-payloads';
import { BLACKOUT_PERIOD } from './payload-shapes';

/** The catalogue rows of an advocate's enrolment, status, profile and privacy. */
export const ADVOCATE_COMMANDS = {
  EnrolAdvocate: {
    aggregate: 'Advocate',
    createsWith: 'advocateId',
    description: 'Enrol a customer contact as an advocate (status CANDIDATE).',
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
    description: "Set the advocate's own wishes; they hold alongside the program's limits.",
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
    description: 'Ask someone to confirm or correct an advocate profile by a date.',
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
  PlaceLegalHold: {
    aggregate: 'Advocate',
    description: "Place a legal hold on an advocate's records: erasure waits until it is released.",
    payload: {
      holdId: { kind: 'id', description: 'Id of the new hold.' },
      matter: { kind: 'text', long: true, description: 'The legal matter.' },
    },
  },
  ReleaseLegalHold: {
    aggregate: 'Advocate',
    description: 'Release a legal hold; a deferred erasure then runs.',
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
  | 'PlaceLegalHold'
  | 'ReleaseLegalHold'
  | 'RequestErasure'
>;

import type { CommandRows } from './command-definition';
import { CANDIDATE, MONEY, OPPORTUNITY, REQUEST_CRITERIA } from './payload-shapes';

/** The catalogue rows of the ReferenceRequest commands. */
export const REFERENCE_REQUEST_COMMANDS = {
  SubmitReferenceRequest: {
    aggregate: 'ReferenceRequest',
    createsWith: 'requestId',
    description: 'Ask for references.',
    payload: {
      requestId: { kind: 'id', description: 'Id of the new request.' },
      department: { kind: 'enum', of: 'Department', description: 'Which part of the business asks.' },
      kind: { kind: 'enum', of: 'ActivityKind', description: 'The activity asked for.' },
      advocatesNeeded: { kind: 'int', min: 1, max: 20, description: 'How many advocates are needed.' },
      opportunity: { kind: 'object', shape: OPPORTUNITY, description: 'The opportunity.' },
      criteria: { kind: 'object', shape: REQUEST_CRITERIA, description: 'What to look for.' },
      dueBy: { kind: 'instant', description: 'Needed by.' },
      notes: { kind: 'text', long: true, description: 'Notes for the program.', optional: true },
    },
  },
  TriageRequest: {
    aggregate: 'ReferenceRequest',
    description: 'Triage a request.',
    payload: {
      priority: { kind: 'enum', of: 'RequestPriority', description: 'Priority.' },
      note: { kind: 'text', long: true, description: 'Note.', optional: true },
    },
  },
  ShortlistCandidates: {
    aggregate: 'ReferenceRequest',
    description: 'Shortlist candidates with their score breakdown.',
    payload: {
      candidates: { kind: 'objectList', shape: CANDIDATE, description: 'The candidates, best first.' },
    },
  },
  RequestOwnerApproval: {
    aggregate: 'ReferenceRequest',
    description: 'Ask the account owner to approve asking a candidate.',
    payload: {
      advocateId: { kind: 'id', description: 'The candidate advocate.' },
    },
  },
  ApproveAsk: {
    aggregate: 'ReferenceRequest',
    description: "Approve asking your customer's advocate.",
    payload: {
      advocateId: { kind: 'id', description: 'The candidate advocate.' },
      note: { kind: 'text', long: true, description: 'Note.', optional: true },
    },
  },
  DeclineAsk: {
    aggregate: 'ReferenceRequest',
    description: "Decline asking your customer's advocate.",
    payload: {
      advocateId: { kind: 'id', description: 'The candidate advocate.' },
      reason: { kind: 'text', long: true, description: 'Why.' },
    },
  },
  OverrideOwnerApproval: {
    aggregate: 'ReferenceRequest',
    description: "Override the owner's approval, with a recorded reason.",
    payload: {
      advocateId: { kind: 'id', description: 'The candidate advocate.' },
      reason: { kind: 'text', long: true, description: 'Why.' },
    },
  },
  AskAdvocate: {
    aggregate: 'ReferenceRequest',
    description: 'Ask a cleared candidate: reserves the advocate (consent, fatigue, owner and status gates).',
    payload: {
      advocateId: { kind: 'id', description: 'The candidate advocate.' },
      engagementId: {
        kind: 'id',
        description:
          'The engagement reserved for the ask (the API derives it from the request and the advocate).',
      },
      fatigueOverrideReason: {
        kind: 'text',
        long: true,
        description: "A program manager's reason to override the advocate's fatigue limits for this ask.",
        optional: true,
      },
    },
  },
  RecordAdvocateResponse: {
    aggregate: 'ReferenceRequest',
    description: "Record the advocate's answer.",
    payload: {
      advocateId: { kind: 'id', description: 'The candidate advocate.' },
      accepted: { kind: 'boolean', description: 'Whether the advocate accepted.' },
      reason: { kind: 'text', long: true, description: 'Their reason, if they gave one.', optional: true },
    },
  },
  ScheduleActivity: {
    aggregate: 'ReferenceRequest',
    description: 'Schedule the activity with an advocate who accepted.',
    payload: {
      advocateId: { kind: 'id', description: 'The candidate advocate.' },
      at: { kind: 'instant', description: 'When it takes place.' },
      fatigueOverrideReason: {
        kind: 'text',
        long: true,
        description: "A program manager's reason to override the advocate's fatigue limits for this date.",
        optional: true,
      },
    },
  },
  CompleteActivity: {
    aggregate: 'ReferenceRequest',
    description: 'Record the activity took place; it counts as a use of the consent.',
    payload: {
      advocateId: { kind: 'id', description: 'The candidate advocate.' },
      completedAt: { kind: 'instant', description: 'When; now when omitted.', optional: true },
    },
  },
  RecordRequestFeedback: {
    aggregate: 'ReferenceRequest',
    description:
      "Give feedback on an advocate's activity (the requester's side; mirrored onto the engagement for the match score).",
    payload: {
      advocateId: { kind: 'id', description: 'The candidate advocate.' },
      rating: { kind: 'int', min: 1, max: 5, description: 'Rating, 1–5.' },
      topicFit: {
        kind: 'int',
        min: 1,
        max: 5,
        description: 'How well the advocate fitted the topic of the ask, 1–5.',
        optional: true,
      },
      comment: { kind: 'text', long: true, description: 'Comment.', optional: true },
    },
  },
  RecordOutcome: {
    aggregate: 'ReferenceRequest',
    description: 'How the deal ended: the business value of the reference.',
    payload: {
      result: { kind: 'enum', of: 'OutcomeResult', description: 'Won, lost or no decision.' },
      amount: { kind: 'object', shape: MONEY, description: 'The amount won.', optional: true },
      note: { kind: 'text', long: true, description: 'Note.', optional: true },
    },
  },
  ReleaseCandidate: {
    aggregate: 'ReferenceRequest',
    description: 'Release a candidate.',
    payload: {
      advocateId: { kind: 'id', description: 'The candidate advocate.' },
      reason: { kind: 'enum', of: 'EngagementReleaseReason', description: 'Why.' },
    },
  },
  CancelRequest: {
    aggregate: 'ReferenceRequest',
    description: 'Cancel a request.',
    payload: {
      reason: { kind: 'text', long: true, description: 'Why.' },
    },
  },
  LapseRequest: {
    aggregate: 'ReferenceRequest',
    description: 'Record that a request passed its due date unfulfilled.',
    payload: {},
  },
} satisfies CommandRows<
  | 'SubmitReferenceRequest'
  | 'TriageRequest'
  | 'ShortlistCandidates'
  | 'RequestOwnerApproval'
  | 'ApproveAsk'
  | 'DeclineAsk'
  | 'OverrideOwnerApproval'
  | 'AskAdvocate'
  | 'RecordAdvocateResponse'
  | 'ScheduleActivity'
  | 'CompleteActivity'
  | 'RecordRequestFeedback'
  | 'RecordOutcome'
  | 'ReleaseCandidate'
  | 'CancelRequest'
  | 'LapseRequest'
>;

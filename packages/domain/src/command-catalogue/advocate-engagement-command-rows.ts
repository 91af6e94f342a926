import type { CommandRows } from './command-definition';
import { MONEY, OWNER_CLEARANCE } from './payload-shapes';

/** The catalogue rows of an advocate's engagements and rewards (invariants 1, 2, 3 and 6). */
export const ADVOCATE_ENGAGEMENT_COMMANDS = {
  ReserveEngagement: {
    aggregate: 'Advocate',
    description:
      'Reserve an advocate for one activity outside a request workflow. The consent, fatigue, owner and status gates hold here.',
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
    description: 'The advocate approved this particular use (where the consent asks for per-use approval).',
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
    description: 'Record that an engagement took place: it counts as a use.',
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
    description: 'Release an advocate from an engagement that has not been completed.',
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
      topicFit: {
        kind: 'int',
        min: 1,
        max: 5,
        description: 'How well the advocate fitted the topic of the ask, 1–5 (feeds the match score).',
        optional: true,
      },
      comment: { kind: 'text', long: true, description: 'Comment.', optional: true },
    },
  },
  GrantReward: {
    aggregate: 'Advocate',
    description: 'Give an advocate a reward: capped, and always disclosed (invariant 6).',
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
  | 'ReserveEngagement'
  | 'AcceptEngagement'
  | 'ApproveUse'
  | 'ScheduleEngagement'
  | 'CompleteEngagement'
  | 'ReleaseEngagement'
  | 'RecordEngagementFeedback'
  | 'GrantReward'
>;

import type { CommandRows } from './command-definition';

/** The catalogue row of the advocate's side of two-sided feedback. */
export const ADVOCATE_FEEDBACK_COMMANDS = {
  RecordAdvocateFeedback: {
    aggregate: 'Advocate',
    description:
      "Record the advocate's own feedback on a completed engagement: how it went and how well the ask fitted their topics.",
    payload: {
      engagementId: { kind: 'id', description: 'The completed engagement.' },
      rating: { kind: 'int', min: 1, max: 5, description: 'How the activity went for the advocate, 1–5.' },
      topicFit: {
        kind: 'int',
        min: 1,
        max: 5,
        description: 'How well the ask fitted the advocate’s topics, 1–5 (feeds the match score).',
        optional: true,
      },
      comment: {
        kind: 'text',
        long: true,
        description: 'Comment (personal data of the advocate).',
        optional: true,
      },
    },
  },
} satisfies CommandRows<'RecordAdvocateFeedback'>;

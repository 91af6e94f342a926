import type { CommandRows } from './command-definition';

/** The catalogue rows of the Nomination commands. */
export const NOMINATION_COMMANDS = {
  SubmitNomination: {
    aggregate: 'Nomination',
    createsWith: 'nominationId',
    description:
      'Propose that a happy customer contact become an advocate. From an account below the health threshold, a program manager must give an override reason.',
    payload: {
      nominationId: { kind: 'id', description: 'Id of the new nomination.' },
      accountId: { kind: 'id', description: 'The account the candidate works at.' },
      candidateId: {
        kind: 'id',
        description: 'The id the advocate will have once enrolled; personal data is keyed to it.',
      },
      name: { kind: 'text', description: 'Full name (personal data).' },
      email: { kind: 'email', description: 'Email address (personal data).' },
      phone: { kind: 'text', description: 'Phone number (personal data).', optional: true },
      title: { kind: 'text', description: 'Job title (personal data).' },
      seniority: { kind: 'enum', of: 'Seniority', description: 'Title level.' },
      products: { kind: 'textList', description: 'Products the candidate can speak to.' },
      useCases: { kind: 'textList', description: 'Use cases the candidate can speak to.' },
      languages: { kind: 'textList', description: 'Languages the candidate speaks.' },
      topics: { kind: 'textList', description: 'Topics.', optional: true },
      evidenceKind: {
        kind: 'enum',
        of: 'SatisfactionEvidenceKind',
        description: 'What shows the customer is happy.',
      },
      evidence: { kind: 'text', long: true, description: 'The evidence, in words.' },
      healthOverrideReason: {
        kind: 'text',
        long: true,
        description: "A program manager's reason to nominate from an account below the health threshold.",
        optional: true,
      },
    },
  },
  ApproveNomination: {
    aggregate: 'Nomination',
    description: 'Approve a nomination; the candidate is then enrolled.',
    payload: {
      note: { kind: 'text', long: true, description: 'Note.', optional: true },
    },
  },
  RejectNomination: {
    aggregate: 'Nomination',
    description: 'Reject a nomination.',
    payload: {
      reason: { kind: 'text', long: true, description: 'Why.' },
    },
  },
  WithdrawNomination: {
    aggregate: 'Nomination',
    description: 'Withdraw a nomination.',
    payload: {
      reason: { kind: 'text', long: true, description: 'Why.' },
    },
  },
} satisfies CommandRows<'SubmitNomination' | 'ApproveNomination' | 'RejectNomination' | 'WithdrawNomination'>;

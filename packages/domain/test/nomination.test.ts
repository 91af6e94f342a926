import {
  DEFAULT_PROGRAM_POLICIES,
  nominationDecider,
  type Actor,
  type NominatedAccountFacts,
  type NominationDecisionContext,
  type NominationEvent,
  type NominationSubmitted,
  type SubmitNomination,
} from '../src';
import { actors, context, day, NOW, nominationCommand } from './support/builders';
import { specification } from './support/specification';

// Default program: accounts below health 60 are not nominated without an override.
const happyAccount: NominatedAccountFacts = {
  exists: true,
  archived: false,
  ownerId: 'olga-ae',
  healthScore: 86,
};
const nominationContext = (account: NominatedAccountFacts = happyAccount): NominationDecisionContext => ({
  ...context({ actor: actors.accountOwner }),
  policies: DEFAULT_PROGRAM_POLICIES,
  account,
});
const nomination = specification(nominationDecider, () => nominationContext());
const withAccount = (account: Partial<NominatedAccountFacts>, actor: Actor = actors.accountOwner) => ({
  account: { ...happyAccount, ...account },
  actor,
});

const submit = (data: Partial<SubmitNomination['data']> = {}) =>
  nominationCommand('SubmitNomination', {
    nominationId: 'nom-1',
    accountId: 'acme',
    candidateId: 'ines',
    name: 'Ines Weber',
    email: 'ines@acme.example',
    title: 'Head of Operations',
    seniority: 'DIRECTOR',
    products: ['Planner'],
    useCases: ['shop-floor planning'],
    languages: ['de', 'en'],
    evidenceKind: 'NPS_PROMOTER',
    evidence: 'Scored us 10 and praised the rollout in the QBR.',
    ...data,
  });

const submitted: NominationSubmitted = {
  type: 'NominationSubmitted',
  data: {
    nominationId: 'nom-1',
    accountId: 'acme',
    candidateId: 'ines',
    candidate: { name: 'Ines Weber', email: 'ines@acme.example', title: 'Head of Operations' },
    attributes: {
      seniority: 'DIRECTOR',
      products: ['Planner'],
      useCases: ['shop-floor planning'],
      languages: ['de', 'en'],
      topics: [],
    },
    evidenceKind: 'NPS_PROMOTER',
    evidence: 'Scored us 10 and praised the rollout in the QBR.',
    nominatedBy: actors.accountOwner.userId,
    accountHealth: 86,
    submittedAt: NOW,
  },
};

describe('nominating a happy customer', () => {
  it('an account owner nominates a contact of a healthy account, with the evidence of satisfaction', () => {
    nomination.given([]).when(submit()).then([submitted]);
  });

  it('a nomination id is submitted once', () => {
    nomination.given([submitted]).when(submit()).thenThrows('ALREADY_EXISTS');
  });

  it('the account must exist and not be archived', () => {
    nomination
      .given([])
      .when(submit(), withAccount({ exists: false }))
      .thenThrows('NOT_FOUND');
    nomination
      .given([])
      .when(submit(), withAccount({ archived: true }))
      .thenThrows('INVALID_TRANSITION', /ARCHIVED/);
  });

  it('the evidence of satisfaction must say something', () => {
    nomination
      .given([])
      .when(submit({ evidence: 'happy' }))
      .thenThrows('VALIDATION_FAILED', /evidence/);
  });
});

describe('health gating: ask happy customers first', () => {
  it('an account exactly at the threshold is nominated without an override', () => {
    nomination
      .given([])
      .when(submit(), withAccount({ healthScore: 60 }))
      .thenEvents(([event]) => expect((event as NominationSubmitted).data.healthOverride).toBeUndefined());
  });

  it('an account below the threshold is not nominated', () => {
    const error = nomination
      .given([])
      .when(submit(), withAccount({ healthScore: 40 }))
      .thenThrows('ACCOUNT_HEALTH_BELOW_THRESHOLD');
    expect(error.details).toEqual({ accountId: 'acme', healthScore: 40, threshold: 60 });
  });

  it('an account whose health was never measured is not nominated either', () => {
    nomination
      .given([])
      .when(submit(), withAccount({ healthScore: undefined }))
      .thenThrows('ACCOUNT_HEALTH_BELOW_THRESHOLD', /not measured/);
  });

  it("a program manager's override with a reason is recorded in the nomination", () => {
    nomination
      .given([])
      .when(
        submit({ healthOverrideReason: 'Champion is happy though the account is not' }),
        withAccount({ healthScore: 40 }, actors.programManager),
      )
      .thenEvents(([event]) =>
        expect((event as NominationSubmitted).data).toMatchObject({
          accountHealth: 40,
          nominatedBy: 'pat-pm',
          healthOverride: {
            by: 'pat-pm',
            reason: 'Champion is happy though the account is not',
            threshold: 60,
          },
        }),
      );
  });

  it('an override by someone who is not a program manager is refused', () => {
    nomination
      .given([])
      .when(submit({ healthOverrideReason: 'Trust me' }), withAccount({ healthScore: 40 }))
      .thenThrows('ACCOUNT_HEALTH_BELOW_THRESHOLD');
  });

  it("the threshold is the program's, from the context", () => {
    nomination
      .given([])
      .when(submit(), {
        account: { ...happyAccount, healthScore: 75 },
        policies: { ...DEFAULT_PROGRAM_POLICIES, nomination: { minAccountHealth: 80 } },
      })
      .thenThrows('ACCOUNT_HEALTH_BELOW_THRESHOLD');
  });
});

// Invariant 7
describe('the nomination lifecycle: SUBMITTED → APPROVED / REJECTED / WITHDRAWN (invariant 7)', () => {
  const asPm = { actor: actors.programManager };
  const approved: NominationEvent = {
    type: 'NominationApproved',
    data: {
      nominationId: 'nom-1',
      accountId: 'acme',
      candidateId: 'ines',
      approvedBy: 'pat-pm',
      approvedAt: NOW,
    },
  };

  // Invariant 7
  it('a program manager approves a submitted nomination, naming the candidate to enrol', () => {
    nomination.given([submitted]).when(nominationCommand('ApproveNomination', {}), asPm).then([approved]);
  });

  // Invariant 7
  it('only a program manager approves or rejects', () => {
    nomination.given([submitted]).when(nominationCommand('ApproveNomination', {})).thenThrows('FORBIDDEN');
    nomination
      .given([submitted])
      .when(nominationCommand('RejectNomination', { reason: 'Not a fit' }))
      .thenThrows('FORBIDDEN');
  });

  // Invariant 7
  it('a rejection says why', () => {
    nomination
      .given([submitted])
      .when(nominationCommand('RejectNomination', { reason: 'Competitor employee' }), asPm)
      .then([
        {
          type: 'NominationRejected',
          data: {
            nominationId: 'nom-1',
            rejectedBy: 'pat-pm',
            reason: 'Competitor employee',
            rejectedAt: NOW,
          },
        },
      ]);
  });

  // Invariant 7
  it('the nominator or a program manager withdraws a nomination, nobody else', () => {
    nomination
      .given([submitted])
      .when(nominationCommand('WithdrawNomination', { reason: 'Left the company' }))
      .thenEvents(([event]) => expect(event?.type).toBe('NominationWithdrawn'));
    nomination
      .given([submitted])
      .when(nominationCommand('WithdrawNomination', { reason: 'x' }), { actor: actors.otherOwner })
      .thenThrows('FORBIDDEN');
  });

  // Invariant 7
  it('a decided nomination is final', () => {
    for (const command of [
      nominationCommand('ApproveNomination', {}),
      nominationCommand('RejectNomination', { reason: 'x' }),
      nominationCommand('WithdrawNomination', { reason: 'x' }),
    ]) {
      nomination
        .given([submitted, approved])
        .when(command, asPm)
        .thenThrows('INVALID_TRANSITION', /APPROVED/);
    }
  });

  it('a nomination never submitted is NOT_FOUND', () => {
    nomination.given([]).when(nominationCommand('ApproveNomination', {}), asPm).thenThrows('NOT_FOUND');
  });

  it('decisions are stamped with the injected clock', () => {
    nomination
      .given([submitted])
      .when(nominationCommand('ApproveNomination', {}), { ...asPm, now: day(3) })
      .thenEvents(([event]) => expect(event).toMatchObject({ data: { approvedAt: day(3) } }));
  });
});

import { readAttributes } from '../advocate/advocate-attributes';
import { hasRole } from '../shared/actor';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { alreadyExists, invalidTransition, notFound, requireProgramManager } from '../shared/guards';
import type { RuleOf } from '../shared/command-handlers';
import { validated } from '../shared/validator';
import type {
  ApproveNomination,
  RejectNomination,
  SubmitNomination,
  WithdrawNomination,
} from './nomination-commands';
import { SATISFACTION_EVIDENCE_KINDS, type NominationEvent } from './nomination-events';
import type { NominationDecisionContext, NominationState } from './nomination-state';

// A nomination: someone proposes a happy customer contact; a program manager decides.

function parseSubmitNomination(d: SubmitNomination['data']) {
  return validated((v) => {
    const phone = v.optionalText('phone', d.phone, { max: 40 });
    return {
      nominationId: v.id('nominationId', d.nominationId),
      accountId: v.id('accountId', d.accountId),
      candidateId: v.id('candidateId', d.candidateId),
      candidate: {
        name: v.text('name', d.name, { max: 200 }),
        email: v.email('email', d.email),
        ...(phone !== undefined ? { phone } : {}),
        title: v.text('title', d.title, { max: 200 }),
      },
      attributes: readAttributes(v, d),
      evidenceKind: v.oneOf('evidenceKind', d.evidenceKind, SATISFACTION_EVIDENCE_KINDS),
      evidence: v.text('evidence', d.evidence, { min: 10, max: 2000 }),
      healthOverrideReason: v.optionalText('healthOverrideReason', d.healthOverrideReason, { max: 1000 }),
    };
  });
}

/** The payload parsers of nomination commands. */
export const nominationParsers = {
  SubmitNomination: parseSubmitNomination,
  ApproveNomination: (d: ApproveNomination['data']) =>
    validated((v) => v.optionalText('note', d.note, { max: 1000 })),
  RejectNomination: (d: RejectNomination['data']) =>
    validated((v) => v.text('reason', d.reason, { max: 1000 })),
  WithdrawNomination: (d: WithdrawNomination['data']) =>
    validated((v) => v.text('reason', d.reason, { max: 1000 })),
};

type Input<K extends keyof typeof nominationParsers> = ReturnType<(typeof nominationParsers)[K]>;
type Rule<K extends keyof typeof nominationParsers> = RuleOf<
  typeof nominationParsers,
  K,
  NominationState,
  NominationEvent,
  NominationDecisionContext
>;

/** Ask happy customers first: below the threshold (or unmeasured) only with a program manager's override. */
function healthOverrideOf(
  input: Input<'SubmitNomination'>,
  context: NominationDecisionContext,
): { by: string; reason: string; threshold: number } | undefined {
  const threshold = context.policies.nomination.minAccountHealth;
  const health = context.account.healthScore;
  if (health !== undefined && health >= threshold) return undefined;
  if (input.healthOverrideReason === undefined || !hasRole(context.actor, 'PROGRAM_MANAGER')) {
    throw new DomainError(
      DomainErrorCode.ACCOUNT_HEALTH_BELOW_THRESHOLD,
      `Account ${input.accountId} has health ${health ?? 'not measured'}, below the program's threshold of ${threshold}. ` +
        'Nominate a happier customer, or ask a program manager to override with a reason.',
      { accountId: input.accountId, ...(health !== undefined ? { healthScore: health } : {}), threshold },
    );
  }
  return { by: context.actor.userId, reason: input.healthOverrideReason, threshold };
}

const submitNomination: Rule<'SubmitNomination'> = (input, state, context) => {
  if (state.status !== 'NONE') throw alreadyExists('Nomination', input.nominationId);
  if (!context.account.exists) throw notFound('Account', input.accountId);
  if (context.account.archived)
    throw invalidTransition('Account', input.accountId, 'ARCHIVED', 'SubmitNomination');
  const healthOverride = healthOverrideOf(input, context);
  const health = context.account.healthScore;
  const { healthOverrideReason: _r, ...data } = input;
  return [
    {
      type: 'NominationSubmitted',
      data: {
        ...data,
        nominatedBy: context.actor.userId,
        ...(health !== undefined ? { accountHealth: health } : {}),
        ...(healthOverride ? { healthOverride } : {}),
        submittedAt: context.now,
      },
    },
  ];
};

const approveNomination: Rule<'ApproveNomination'> = (note, state, context) => {
  requireProgramManager(context.actor, 'approve nominations');
  return [
    {
      type: 'NominationApproved',
      data: {
        nominationId: state.nominationId,
        accountId: state.accountId ?? '',
        candidateId: state.candidateId ?? '',
        approvedBy: context.actor.userId,
        ...(note !== undefined ? { note } : {}),
        approvedAt: context.now,
      },
    },
  ];
};

const rejectNomination: Rule<'RejectNomination'> = (reason, state, context) => {
  requireProgramManager(context.actor, 'reject nominations');
  const rejected = { nominationId: state.nominationId, rejectedBy: context.actor.userId, reason };
  return [{ type: 'NominationRejected', data: { ...rejected, rejectedAt: context.now } }];
};

const withdrawNomination: Rule<'WithdrawNomination'> = (reason, state, context) => {
  const by = context.actor.userId;
  if (by !== state.nominatedBy && !hasRole(context.actor, 'PROGRAM_MANAGER')) {
    throw new DomainError(
      DomainErrorCode.FORBIDDEN,
      'Only the nominator or a program manager may withdraw a nomination.',
      {
        nominationId: state.nominationId,
      },
    );
  }
  const withdrawn = { nominationId: state.nominationId, withdrawnBy: by, reason };
  return [{ type: 'NominationWithdrawn', data: { ...withdrawn, withdrawnAt: context.now } }];
};

/** The rules of nominations, one per command. */
export const nominationRules = {
  SubmitNomination: submitNomination,
  ApproveNomination: approveNomination,
  RejectNomination: rejectNomination,
  WithdrawNomination: withdrawNomination,
};

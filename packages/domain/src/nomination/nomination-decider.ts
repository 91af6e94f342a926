import { readAttributes } from '../advocate/advocate-attributes';
import type { ProgramPolicies } from '../program/program-policies';
import { hasRole } from '../shared/actor';
import type { Decider } from '../shared/decider';
import type { DecisionContext } from '../shared/decision-context';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { alreadyExists, invalidTransition, notFound, requireProgramManager } from '../shared/guards';
import { validated } from '../shared/validator';
import type { NominationCommand } from './nomination-commands';
import { SATISFACTION_EVIDENCE_KINDS, type NominationEvent } from './nomination-events';

/** What the nomination decider must know of the nominated account. */
export interface NominatedAccountFacts {
  readonly exists: boolean;
  readonly archived: boolean;
  readonly ownerId?: string;
  /** The latest health score, if measured. */
  readonly healthScore?: number;
}

export interface NominationDecisionContext extends DecisionContext {
  readonly policies: ProgramPolicies;
  readonly account: NominatedAccountFacts;
}

export type NominationStatus = 'NONE' | 'SUBMITTED' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN';

export interface NominationState {
  readonly nominationId: string;
  readonly status: NominationStatus;
  readonly accountId?: string;
  readonly candidateId?: string;
  readonly nominatedBy?: string;
}

export const initialNominationState: NominationState = { nominationId: '', status: 'NONE' };

function decide(
  command: NominationCommand,
  state: NominationState,
  context: NominationDecisionContext,
): NominationEvent[] {
  const now = context.now;
  const by = context.actor.userId;
  if (command.type === 'SubmitNomination') {
    const d = command.data;
    const input = validated((v) => {
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
    if (state.status !== 'NONE') throw alreadyExists('Nomination', input.nominationId);
    if (!context.account.exists) throw notFound('Account', input.accountId);
    if (context.account.archived)
      throw invalidTransition('Account', input.accountId, 'ARCHIVED', command.type);
    // Ask happy customers first: below the threshold (or unmeasured) only with a recorded override.
    const threshold = context.policies.nomination.minAccountHealth;
    const health = context.account.healthScore;
    let healthOverride: { by: string; reason: string; threshold: number } | undefined;
    if (health === undefined || health < threshold) {
      if (input.healthOverrideReason === undefined || !hasRole(context.actor, 'PROGRAM_MANAGER')) {
        throw new DomainError(
          DomainErrorCode.ACCOUNT_HEALTH_BELOW_THRESHOLD,
          `Account ${input.accountId} has health ${health ?? 'not measured'}, below the program's threshold of ${threshold}. ` +
            'Nominate a happier customer, or ask a program manager to override with a reason.',
          { accountId: input.accountId, ...(health !== undefined ? { healthScore: health } : {}), threshold },
        );
      }
      healthOverride = { by, reason: input.healthOverrideReason, threshold };
    }
    const { healthOverrideReason: _r, ...data } = input;
    return [
      {
        type: 'NominationSubmitted',
        data: {
          ...data,
          nominatedBy: by,
          ...(health !== undefined ? { accountHealth: health } : {}),
          ...(healthOverride ? { healthOverride } : {}),
          submittedAt: now,
        },
      },
    ];
  }
  if (state.status === 'NONE') throw notFound('Nomination', '(not submitted)');
  if (state.status !== 'SUBMITTED')
    throw invalidTransition('Nomination', state.nominationId, state.status, command.type);
  const nominationId = state.nominationId;
  switch (command.type) {
    case 'ApproveNomination': {
      requireProgramManager(context.actor, 'approve nominations');
      const note = validated((v) => v.optionalText('note', command.data.note, { max: 1000 }));
      return [
        {
          type: 'NominationApproved',
          data: {
            nominationId,
            accountId: state.accountId ?? '',
            candidateId: state.candidateId ?? '',
            approvedBy: by,
            ...(note !== undefined ? { note } : {}),
            approvedAt: now,
          },
        },
      ];
    }
    case 'RejectNomination': {
      requireProgramManager(context.actor, 'reject nominations');
      const reason = validated((v) => v.text('reason', command.data.reason, { max: 1000 }));
      return [
        { type: 'NominationRejected', data: { nominationId, rejectedBy: by, reason, rejectedAt: now } },
      ];
    }
    case 'WithdrawNomination': {
      if (by !== state.nominatedBy && !hasRole(context.actor, 'PROGRAM_MANAGER')) {
        throw new DomainError(
          DomainErrorCode.FORBIDDEN,
          'Only the nominator or a program manager may withdraw a nomination.',
          {
            nominationId,
          },
        );
      }
      const reason = validated((v) => v.text('reason', command.data.reason, { max: 1000 }));
      return [
        { type: 'NominationWithdrawn', data: { nominationId, withdrawnBy: by, reason, withdrawnAt: now } },
      ];
    }
  }
}

function evolve(state: NominationState, event: NominationEvent): NominationState {
  switch (event.type) {
    case 'NominationSubmitted':
      return {
        nominationId: event.data.nominationId,
        status: 'SUBMITTED',
        accountId: event.data.accountId,
        candidateId: event.data.candidateId,
        nominatedBy: event.data.nominatedBy,
      };
    case 'NominationApproved':
      return { ...state, status: 'APPROVED' };
    case 'NominationRejected':
      return { ...state, status: 'REJECTED' };
    case 'NominationWithdrawn':
      return { ...state, status: 'WITHDRAWN' };
    default:
      return state;
  }
}

/** The Nomination decider: a proposal that a customer contact become an advocate. */
export const nominationDecider: Decider<
  NominationCommand,
  NominationState,
  NominationEvent,
  NominationDecisionContext
> = {
  name: 'Nomination',
  initialState: initialNominationState,
  decide,
  evolve,
};

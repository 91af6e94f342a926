import { alreadyExists, invalidTransition, notFound } from '../shared/guards';
import { isAfter } from '../shared/time';
import { validated } from '../shared/validator';
import type {
  LapseProfileVerification,
  RequestProfileVerification,
  VerifyProfile,
} from './advocate-commands';
import type { AdvocateDecisionContext } from './advocate-decision-context';
import type { AdvocateEvent } from './advocate-events';
import { requireStatus } from './advocate-guards';
import type { AdvocateState } from './advocate-state';

// Verification: someone confirms the profile is still true, by a due date.

function parseRequestProfileVerification(
  d: RequestProfileVerification['data'],
  context: AdvocateDecisionContext,
) {
  return validated((v) => {
    const dueBy = v.instant('dueBy', d.dueBy);
    v.order('dueBy', context.now, dueBy, 'must be in the future');
    return {
      verificationId: v.id('verificationId', d.verificationId),
      askedOf: v.id('askedOf', d.askedOf),
      dueBy,
    };
  });
}

function parseVerifyProfile(d: VerifyProfile['data']) {
  return validated((v) => ({
    verificationId: d.verificationId === undefined ? undefined : v.id('verificationId', d.verificationId),
    note: v.optionalText('note', d.note, { max: 1000 }),
  }));
}

/** The payload parsers of verification commands. */
export const verificationParsers = {
  RequestProfileVerification: parseRequestProfileVerification,
  VerifyProfile: parseVerifyProfile,
  LapseProfileVerification: (d: LapseProfileVerification['data']) =>
    validated((v) => v.id('verificationId', d.verificationId)),
};

const OPEN_TO_VERIFY = ['CANDIDATE', 'ACTIVE', 'RESTING'] as const;

function requestProfileVerification(
  d: ReturnType<typeof parseRequestProfileVerification>,
  state: AdvocateState,
  context: AdvocateDecisionContext,
): AdvocateEvent[] {
  requireStatus(state, OPEN_TO_VERIFY, 'RequestProfileVerification', context.now);
  if (state.pendingVerifications[d.verificationId]) throw alreadyExists('Verification', d.verificationId);
  return [
    {
      type: 'ProfileVerificationRequested',
      data: { advocateId: state.advocateId, ...d, requestedAt: context.now },
    },
  ];
}

function verifyProfile(
  d: ReturnType<typeof parseVerifyProfile>,
  state: AdvocateState,
  context: AdvocateDecisionContext,
): AdvocateEvent[] {
  requireStatus(state, OPEN_TO_VERIFY, 'VerifyProfile', context.now);
  if (d.verificationId !== undefined && !state.pendingVerifications[d.verificationId]) {
    throw notFound('Verification', d.verificationId);
  }
  return [
    {
      type: 'ProfileVerified',
      data: {
        advocateId: state.advocateId,
        ...(d.verificationId !== undefined ? { verificationId: d.verificationId } : {}),
        verifiedBy: context.actor.userId,
        ...(d.note !== undefined ? { note: d.note } : {}),
        verifiedAt: context.now,
      },
    },
  ];
}

function lapseProfileVerification(
  verificationId: string,
  state: AdvocateState,
  context: AdvocateDecisionContext,
): AdvocateEvent[] {
  const pending = state.pendingVerifications[verificationId];
  if (!pending) throw notFound('Verification', verificationId);
  if (isAfter(pending.dueBy, context.now))
    throw invalidTransition('Verification', verificationId, 'NOT_YET_DUE', 'LapseProfileVerification');
  return [
    {
      type: 'ProfileVerificationLapsed',
      data: { advocateId: state.advocateId, verificationId, lapsedAt: context.now },
    },
  ];
}

/** The rules of profile verification, one per command. */
export const verificationRules = {
  RequestProfileVerification: requestProfileVerification,
  VerifyProfile: verifyProfile,
  LapseProfileVerification: lapseProfileVerification,
};

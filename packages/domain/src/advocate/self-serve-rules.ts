import { CHANNELS } from '../consent/consent';
import { requireConsent } from '../consent/consent-gate';
import { evolveConsents } from '../consent/consent-decisions';
import { CONTENT_KINDS } from '../content-asset/content-asset-events';
import { ACTIVITY_KINDS } from '../shared/activity-kind';
import { hasRole } from '../shared/actor';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { alreadyExists, notFound } from '../shared/guards';
import { validated } from '../shared/validator';
import type { AdvocateDecisionContext } from './advocate-decision-context';
import type { AdvocateEvent } from './advocate-events';
import type { AdvocateState } from './advocate-state';
import { advocateWith } from './advocate-with';
import type {
  PreApproveSelfServe,
  RecordContentUse,
  RevokeSelfServePreApproval,
  SelfServeEvent,
} from './self-serve-pool';
import { recordWith } from '../shared/record-with';

// The self-serve pool (the account owner pre-approves an advocate for reps to take) and the
// record of content uses against the advocate's consent.

/** What these rules read beyond the advocate: who acts for the advocate's account now (invariant 11). */
interface SelfServeContext extends AdvocateDecisionContext {
  readonly accountActors?: (accountId: string) => readonly string[];
}

/** The payload parsers of the self-serve and content-use commands. */
export const selfServeParsers = {
  PreApproveSelfServe: (d: PreApproveSelfServe['data'], context: AdvocateDecisionContext) =>
    validated((v) => {
      const validFrom = v.optionalInstant('validFrom', d.validFrom) ?? context.now;
      const validUntil = v.instant('validUntil', d.validUntil);
      v.order('validUntil', validFrom, validUntil, 'must be after validFrom');
      v.order('validUntil', context.now, validUntil, 'must be in the future');
      return {
        preApprovalId: v.id('preApprovalId', d.preApprovalId),
        kinds: v.listOf('kinds', d.kinds, ACTIVITY_KINDS),
        validFrom,
        validUntil,
      };
    }),
  RevokeSelfServePreApproval: (d: RevokeSelfServePreApproval['data']) =>
    validated((v) => ({
      preApprovalId: v.id('preApprovalId', d.preApprovalId),
      reason: v.text('reason', d.reason, { max: 1000 }),
    })),
  RecordContentUse: (d: RecordContentUse['data']) =>
    validated((v) => ({
      contentId: v.id('contentId', d.contentId),
      kind: v.oneOf('kind', d.kind, CONTENT_KINDS),
      territory: v.text('territory', d.territory, { max: 80 }).toUpperCase(),
      channel: v.oneOf('channel', d.channel, CHANNELS),
      ...(d.requestId !== undefined ? { requestId: v.id('requestId', d.requestId) } : {}),
    })),
};

type Input<K extends keyof typeof selfServeParsers> = ReturnType<(typeof selfServeParsers)[K]>;

/** Only who acts for the advocate's account now (its owner or an unexpired delegate) speaks for it. */
function requireActsForAccount(state: AdvocateState, context: SelfServeContext, what: string): void {
  const actors = context.accountActors?.(state.accountId) ?? [];
  if (actors.includes(context.actor.userId)) return;
  throw new DomainError(
    DomainErrorCode.FORBIDDEN,
    `Only the owner of account ${state.accountId} (or their delegate) may ${what}.`,
    { advocateId: state.advocateId, accountId: state.accountId },
  );
}

/** The owner's standing approval: reps may take this advocate for these kinds in this period. */
function preApproveSelfServe(
  d: Input<'PreApproveSelfServe'>,
  state: AdvocateState,
  context: SelfServeContext,
): AdvocateEvent[] {
  requireActsForAccount(state, context, 'pre-approve its advocates for self-serve');
  if (state.selfServePool?.[d.preApprovalId]) throw alreadyExists('Self-serve pre-approval', d.preApprovalId);
  const approval = { ...d, approvedBy: context.actor.userId, approvedAt: context.now };
  return [
    {
      type: 'SelfServePreApproved',
      data: { advocateId: state.advocateId, accountId: state.accountId, ...approval },
    },
  ];
}

/** The owner (or the program) takes the advocate out of the pool; later asks need approval again. */
function revokeSelfServePreApproval(
  d: Input<'RevokeSelfServePreApproval'>,
  state: AdvocateState,
  context: SelfServeContext,
): AdvocateEvent[] {
  if (!hasRole(context.actor, 'PROGRAM_MANAGER')) {
    requireActsForAccount(state, context, 'revoke its self-serve pre-approvals');
  }
  if (!state.selfServePool?.[d.preApprovalId]) throw notFound('Self-serve pre-approval', d.preApprovalId);
  const revoked = { preApprovalId: d.preApprovalId, reason: d.reason, revokedBy: context.actor.userId };
  return [
    {
      type: 'SelfServePreApprovalRevoked',
      data: { advocateId: state.advocateId, ...revoked, revokedAt: context.now },
    },
  ];
}

/** Invariant 1 for a content use: a consent covering it is in force now, and its max uses hold. */
function recordContentUse(
  d: Input<'RecordContentUse'>,
  state: AdvocateState,
  context: AdvocateDecisionContext,
): AdvocateEvent[] {
  const verdict = requireConsent(state, d.kind, { territory: d.territory, channel: d.channel }, [
    context.now,
  ]);
  return [
    {
      type: 'ConsentUseRecorded',
      data: {
        advocateId: state.advocateId,
        consentId: verdict.consent.consentId,
        consentVersion: verdict.consent.version,
        contentId: d.contentId,
        kind: d.kind,
        ...(d.requestId !== undefined ? { requestId: d.requestId } : {}),
        usedAt: context.now,
      },
    },
  ];
}

/** The rules of the self-serve pool and content uses, one per command. */
export const selfServeRules = {
  PreApproveSelfServe: preApproveSelfServe,
  RevokeSelfServePreApproval: revokeSelfServePreApproval,
  RecordContentUse: recordContentUse,
};

/** Folds the self-serve and content-use events into the advocate's state. */
export function evolveSelfServe(state: AdvocateState, event: AdvocateEvent): AdvocateState | undefined {
  const e = event as SelfServeEvent;
  switch (e.type) {
    case 'SelfServePreApproved': {
      const { preApprovalId, kinds, validFrom, validUntil, approvedBy } = e.data;
      const approval = { preApprovalId, kinds, validFrom, validUntil, approvedBy };
      return advocateWith(state, { selfServePool: recordWith(state.selfServePool, preApprovalId, approval) });
    }
    case 'SelfServePreApprovalRevoked': {
      const { [e.data.preApprovalId]: _revoked, ...rest } = state.selfServePool ?? {};
      return advocateWith(state, { selfServePool: rest });
    }
    case 'ConsentUseRecorded':
      return advocateWith(state, {
        consents: evolveConsents(state.consents, { type: 'used', consentId: e.data.consentId }),
      });
    default:
      return undefined;
  }
}

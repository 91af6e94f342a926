import { CHANNELS, type UsageScope } from '../consent/consent';
import {
  decideConsentGrant,
  decideConsentRenewal,
  decideConsentWithdrawal,
} from '../consent/consent-decisions';
import {
  checkConsent,
  consentInForce,
  describeConsentGap,
  type ConsentVerdict,
} from '../consent/consent-policy';
import { describeFatigueBreach, fatigueBreaches, fatigueRules } from '../policies/fatigue-policy';
import type { ProgramPolicies } from '../program/program-policies';
import { ACTIVITY_KINDS, type ActivityKind } from '../shared/activity-kind';
import { hasRole } from '../shared/actor';
import type { Decider } from '../shared/decider';
import type { DecisionContext } from '../shared/decision-context';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { alreadyExists, invalidTransition, notFound, requireProgramManager } from '../shared/guards';
import { isAfter, isBefore, yearOf, type Instant } from '../shared/time';
import { validated, type Validator } from '../shared/validator';
import type { AdvocateCommand, AdvocateContactData } from './advocate-commands';
import type { AdvocateEvent, EngagementReleased } from './advocate-events';
import type { AdvocateContact, AdvocatePreferences } from './advocate-profile';
import { readAttributes } from './advocate-attributes';
import {
  effectiveStatus,
  evolveAdvocate,
  initialAdvocateState,
  type AdvocateState,
  type AdvocateStatus,
} from './advocate-state';
import {
  ENGAGEMENT_RELEASE_REASONS,
  isCounted,
  isPending,
  type Engagement,
  type EngagementReleaseReason,
} from './engagement';
import { REWARD_KINDS } from './reward';

/** The advocate decider needs the program's policies (fatigue limits, reward caps). */
export interface AdvocateDecisionContext extends DecisionContext {
  readonly policies: ProgramPolicies;
}

const LIVE: readonly AdvocateStatus[] = ['CANDIDATE', 'ACTIVE', 'RESTING', 'RETIRED', 'DO_NOT_CONTACT'];

function readContact(v: Validator, d: AdvocateContactData): AdvocateContact {
  const phone = v.optionalText('phone', d.phone, { max: 40 });
  return {
    name: v.text('name', d.name, { max: 200 }),
    email: v.email('email', d.email),
    ...(phone !== undefined ? { phone } : {}),
    title: v.text('title', d.title, { max: 200 }),
  };
}

function requireStatus(
  state: AdvocateState,
  allowed: readonly AdvocateStatus[],
  command: string,
  now: Instant,
): void {
  const status = effectiveStatus(state, now);
  if (!allowed.includes(status)) throw invalidTransition('Advocate', state.advocateId, status, command);
}

function requireEngagement(state: AdvocateState, engagementId: unknown): Engagement {
  const id = validated((v) => v.id('engagementId', engagementId));
  const engagement = state.engagements[id];
  if (!engagement) throw notFound('Engagement', id);
  return engagement;
}

function requireEngagementStatus(
  engagement: Engagement,
  allowed: readonly Engagement['status'][],
  command: string,
): void {
  if (!allowed.includes(engagement.status)) {
    throw invalidTransition('Engagement', engagement.engagementId, engagement.status, command);
  }
}

/** Uses promised per consent by pending engagements (other than `except`), for max-uses checks. */
function pendingUses(state: AdvocateState, except?: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of Object.values(state.engagements)) {
    if (isPending(e) && e.engagementId !== except) counts[e.consentId] = (counts[e.consentId] ?? 0) + 1;
  }
  return counts;
}

/** Invariant 1: a consent covering the kind and scope must be in force, now and at the activity. */
function requireConsent(
  state: AdvocateState,
  kind: ActivityKind,
  scope: UsageScope,
  instants: readonly Instant[],
  except?: string,
): Extract<ConsentVerdict, { inForce: true }> {
  let verdict: ConsentVerdict = { inForce: false, gap: 'NO_CONSENT' };
  // One consent must cover every instant: the event names the single consent the use relies on.
  let candidates = Object.values(state.consents);
  const uses = pendingUses(state, except);
  for (const at of instants) {
    const query = { kind, scope, at, pendingUses: uses };
    verdict = consentInForce(candidates, query);
    candidates = candidates.filter((c) => checkConsent(c, query).inForce);
    if (!verdict.inForce) {
      throw new DomainError(
        DomainErrorCode.CONSENT_REQUIRED,
        `Advocate ${state.advocateId} cannot be used for ${kind} in ${scope.territory}/${scope.channel} at ${at}: ` +
          `${describeConsentGap(verdict.gap)}. Record or renew a consent that covers it first.`,
        {
          advocateId: state.advocateId,
          kind,
          territory: scope.territory,
          channel: scope.channel,
          at,
          gap: verdict.gap,
        },
      );
    }
  }
  return verdict as Extract<ConsentVerdict, { inForce: true }>;
}

/** Invariant 2: program limits and the advocate's own hold, unless a program manager overrides with a reason. */
function checkFatigue(
  state: AdvocateState,
  kind: ActivityKind,
  at: Instant,
  context: AdvocateDecisionContext,
  overrideReason: string | undefined,
  except?: string,
): { by: string; reason: string; breaches: string[] } | undefined {
  const counted = Object.values(state.engagements)
    .filter((e) => isCounted(e) && e.engagementId !== except)
    .map((e) => ({ kind: e.kind, at: e.activityAt }));
  const breaches = fatigueBreaches(
    counted,
    fatigueRules(context.policies.fatigue, state.preferences),
    kind,
    at,
  );
  if (breaches.length === 0) return undefined;
  const words = breaches.map(describeFatigueBreach);
  if (overrideReason === undefined) {
    throw new DomainError(
      DomainErrorCode.FATIGUE_LIMIT,
      `Advocate ${state.advocateId} would be over-used: ${words.join('; ')}. Choose another advocate or date, ` +
        'or ask a program manager to override with a reason.',
      { advocateId: state.advocateId, kind, at, breaches: words },
    );
  }
  requireProgramManager(context.actor, 'override the fatigue limits');
  return { by: context.actor.userId, reason: overrideReason, breaches: words };
}

function releaseAll(
  state: AdvocateState,
  which: (e: Engagement) => boolean,
  reason: EngagementReleaseReason,
  now: Instant,
): EngagementReleased[] {
  return Object.values(state.engagements)
    .filter((e) => isPending(e) && which(e))
    .map((e) => ({
      type: 'EngagementReleased',
      data: {
        advocateId: state.advocateId,
        engagementId: e.engagementId,
        ...(e.requestId !== undefined ? { requestId: e.requestId } : {}),
        kind: e.kind,
        reason,
        releasedAt: now,
      },
    }));
}

function optionalReason(v: Validator, field: string, value: unknown): string | undefined {
  return v.optionalText(field, value, { max: 1000 });
}

function decide(
  command: AdvocateCommand,
  state: AdvocateState,
  context: AdvocateDecisionContext,
): AdvocateEvent[] {
  const now = context.now;
  if (command.type === 'EnrolAdvocate') {
    const d = command.data;
    const data = validated((v) => {
      const nominationId = d.nominationId === undefined ? undefined : v.id('nominationId', d.nominationId);
      return {
        advocateId: v.id('advocateId', d.advocateId),
        accountId: v.id('accountId', d.accountId),
        ...(nominationId !== undefined ? { nominationId } : {}),
        contact: readContact(v, d),
        attributes: readAttributes(v, d),
      };
    });
    if (state.status !== 'NONE') throw alreadyExists('Advocate', data.advocateId);
    return [{ type: 'AdvocateEnrolled', data: { ...data, enrolledAt: now } }];
  }
  if (state.status === 'NONE') throw notFound('Advocate', '(not enrolled)');
  const advocateId = state.advocateId;
  if (state.status === 'ERASED') throw invalidTransition('Advocate', advocateId, 'ERASED', command.type);

  switch (command.type) {
    case 'ActivateAdvocate':
      requireStatus(state, ['CANDIDATE'], command.type, now);
      return [{ type: 'AdvocateActivated', data: { advocateId, activatedAt: now } }];
    case 'UpdateAdvocateContact':
      return [
        {
          type: 'AdvocateContactUpdated',
          data: { advocateId, contact: validated((v) => readContact(v, command.data)) },
        },
      ];
    case 'UpdateAdvocateAttributes':
      return [
        {
          type: 'AdvocateAttributesUpdated',
          data: { advocateId, attributes: validated((v) => readAttributes(v, command.data)) },
        },
      ];
    case 'SetAdvocatePreferences': {
      const d = command.data;
      const preferences = validated((v): AdvocatePreferences => {
        const max = v.optionalInteger('maxEngagementsPerWindow', d.maxEngagementsPerWindow, {
          min: 0,
          max: 100,
        });
        const windowDays = v.optionalInteger('windowDays', d.windowDays, { min: 1, max: 730 });
        const minRestDays = v.optionalInteger('minRestDays', d.minRestDays, { min: 0, max: 365 });
        const blackouts = (d.blackouts ?? []).map((b, i) => {
          const from = v.instant(`blackouts[${i}].from`, b?.from);
          const until = v.instant(`blackouts[${i}].until`, b?.until);
          v.order(`blackouts[${i}].until`, from, until, 'must be after from');
          return { from, until };
        });
        return {
          ...(max !== undefined ? { maxEngagementsPerWindow: max } : {}),
          ...(windowDays !== undefined ? { windowDays } : {}),
          ...(minRestDays !== undefined ? { minRestDays } : {}),
          preferredActivities:
            d.preferredActivities === undefined
              ? []
              : v.listOf('preferredActivities', d.preferredActivities, ACTIVITY_KINDS, { min: 0 }),
          blackouts,
        };
      });
      return [{ type: 'AdvocatePreferencesSet', data: { advocateId, preferences } }];
    }
    case 'RestAdvocate': {
      requireStatus(state, ['ACTIVE'], command.type, now);
      const d = validated((v) => {
        const until = v.instant('until', command.data.until);
        v.order('until', now, until, 'must be in the future');
        return { until, reason: v.text('reason', command.data.reason, { max: 1000 }) };
      });
      return [{ type: 'AdvocateRested', data: { advocateId, ...d } }];
    }
    case 'ReactivateAdvocate':
      // A rest that ran out by the clock is still RESTING on record: reactivating records the return.
      if (state.status !== 'RESTING')
        throw invalidTransition('Advocate', advocateId, state.status, command.type);
      return [{ type: 'AdvocateReactivated', data: { advocateId, reactivatedAt: now } }];
    case 'RetireAdvocate': {
      requireStatus(state, ['CANDIDATE', 'ACTIVE', 'RESTING'], command.type, now);
      const reason = validated((v) => v.text('reason', command.data.reason, { max: 1000 }));
      return [
        { type: 'AdvocateRetired', data: { advocateId, reason, retiredAt: now } },
        ...releaseAll(state, () => true, 'ADVOCATE_UNAVAILABLE', now),
      ];
    }
    case 'MarkDoNotContact': {
      requireStatus(state, ['CANDIDATE', 'ACTIVE', 'RESTING', 'RETIRED'], command.type, now);
      const reason = validated((v) => v.text('reason', command.data.reason, { max: 1000 }));
      return [
        { type: 'AdvocateMarkedDoNotContact', data: { advocateId, reason, markedAt: now } },
        ...releaseAll(state, () => true, 'ADVOCATE_UNAVAILABLE', now),
      ];
    }
    case 'GrantConsent':
      return [
        {
          type: 'ConsentGranted',
          data: { advocateId, ...decideConsentGrant(command.data, state.consents, context) },
        },
      ];
    case 'RenewConsent':
      return [
        {
          type: 'ConsentRenewed',
          data: { advocateId, ...decideConsentRenewal(command.data, state.consents, context) },
        },
      ];
    case 'WithdrawConsent': {
      // Invariant 5: withdrawal takes effect at once; earlier uses stay in history untouched.
      const withdrawn = decideConsentWithdrawal(command.data, state.consents, context);
      return [
        { type: 'ConsentWithdrawn', data: { advocateId, ...withdrawn } },
        ...releaseAll(
          state,
          (e) => e.consentId === withdrawn.consentId && withdrawn.kinds.includes(e.kind),
          'CONSENT_WITHDRAWN',
          now,
        ),
      ];
    }
    case 'RecordConsentExpiry': {
      const consentId = validated((v) => v.id('consentId', command.data.consentId));
      const consent = state.consents[consentId];
      if (!consent) throw notFound('Consent', consentId);
      if (consent.validUntil === undefined || isAfter(consent.validUntil, now)) {
        throw invalidTransition('Consent', consentId, 'IN_FORCE', command.type);
      }
      if (state.recordedExpiries[consentId] === consent.version) {
        throw invalidTransition('Consent', consentId, 'EXPIRY_RECORDED', command.type);
      }
      const validUntil = consent.validUntil;
      return [
        {
          type: 'ConsentExpired',
          data: { advocateId, consentId, version: consent.version, expiredAt: validUntil },
        },
        ...releaseAll(
          state,
          (e) => e.consentId === consentId && !isBefore(e.activityAt, validUntil),
          'CONSENT_EXPIRED',
          now,
        ),
      ];
    }
    case 'ReserveEngagement': {
      const d = command.data;
      const input = validated((v) => {
        const activityAt = v.optionalInstant('activityAt', d.activityAt) ?? now;
        v.order('activityAt', now, activityAt, 'must not be in the past', false);
        const clearance = v.object('ownerClearance', d.ownerClearance);
        const requestId = d.requestId === undefined ? undefined : v.id('requestId', d.requestId);
        return {
          engagementId: v.id('engagementId', d.engagementId),
          ...(requestId !== undefined ? { requestId } : {}),
          kind: v.oneOf('kind', d.kind, ACTIVITY_KINDS),
          territory: v.text('territory', d.territory, { max: 80 }).toUpperCase(),
          channel: v.oneOf('channel', d.channel, CHANNELS),
          activityAt,
          clearance: {
            kind: v.oneOf('ownerClearance.kind', clearance.kind, ['OWNER', 'OVERRIDE'] as const),
            by: v.id('ownerClearance.by', clearance.by),
            reason: optionalReason(v, 'ownerClearance.reason', clearance.reason),
          },
          fatigueOverrideReason: optionalReason(v, 'fatigueOverrideReason', d.fatigueOverrideReason),
        };
      });
      if (state.engagements[input.engagementId]) throw alreadyExists('Engagement', input.engagementId);
      // Invariant 4: only an active advocate is asked; RESTING only once the rest has ended.
      const status = effectiveStatus(state, now);
      if (status !== 'ACTIVE') {
        throw new DomainError(
          DomainErrorCode.ADVOCATE_UNAVAILABLE,
          `Advocate ${advocateId} is ${status}${status === 'RESTING' ? ` until ${state.restingUntil}` : ''} and cannot be asked. Choose another advocate.`,
          { advocateId, status, ...(state.restingUntil ? { restingUntil: state.restingUntil } : {}) },
        );
      }
      // Invariant 3: no silent asks; an override is a program manager's, and must say why.
      if (input.clearance.kind === 'OVERRIDE' && input.clearance.reason === undefined) {
        throw new DomainError(
          DomainErrorCode.OWNER_APPROVAL_REQUIRED,
          `Asking advocate ${advocateId} needs the account owner's approval, or a program manager's override with a reason.`,
          { advocateId },
        );
      }
      if (input.clearance.kind === 'OVERRIDE') {
        requireProgramManager(context.actor, "override the account owner's approval");
      }
      const scope = { territory: input.territory, channel: input.channel };
      const verdict = requireConsent(state, input.kind, scope, [now, input.activityAt]);
      const fatigueOverride = checkFatigue(
        state,
        input.kind,
        input.activityAt,
        context,
        input.fatigueOverrideReason,
      );
      const { clearance, fatigueOverrideReason: _reason, ...rest } = input;
      return [
        {
          type: 'EngagementReserved',
          data: {
            advocateId,
            ...rest,
            consentId: verdict.consent.consentId,
            consentVersion: verdict.consent.version,
            ownerClearance: {
              kind: clearance.kind,
              by: clearance.by,
              ...(clearance.reason !== undefined ? { reason: clearance.reason } : {}),
            },
            ...(fatigueOverride ? { fatigueOverride } : {}),
            reservedAt: now,
          },
        },
      ];
    }
    case 'AcceptEngagement': {
      const e = requireEngagement(state, command.data.engagementId);
      requireEngagementStatus(e, ['RESERVED'], command.type);
      return [
        {
          type: 'EngagementAccepted',
          data: {
            advocateId,
            engagementId: e.engagementId,
            ...(e.requestId ? { requestId: e.requestId } : {}),
            acceptedAt: now,
          },
        },
      ];
    }
    case 'ApproveUse': {
      const e = requireEngagement(state, command.data.engagementId);
      requireEngagementStatus(e, ['RESERVED', 'ACCEPTED', 'SCHEDULED'], command.type);
      const evidence = validated((v) => v.text('evidence', command.data.evidence, { max: 1000 }));
      return [
        {
          type: 'UseApproved',
          data: { advocateId, engagementId: e.engagementId, evidence, approvedAt: now },
        },
      ];
    }
    case 'ScheduleEngagement': {
      const e = requireEngagement(state, command.data.engagementId);
      requireEngagementStatus(e, ['ACCEPTED', 'SCHEDULED'], command.type);
      const input = validated((v) => {
        const at = v.instant('at', command.data.at);
        v.order('at', now, at, 'must not be in the past', false);
        return {
          at,
          fatigueOverrideReason: optionalReason(
            v,
            'fatigueOverrideReason',
            command.data.fatigueOverrideReason,
          ),
        };
      });
      const scope = { territory: e.territory, channel: e.channel };
      const verdict = requireConsent(state, e.kind, scope, [now, input.at], e.engagementId);
      const fatigueOverride = checkFatigue(
        state,
        e.kind,
        input.at,
        context,
        input.fatigueOverrideReason,
        e.engagementId,
      );
      return [
        {
          type: 'EngagementScheduled',
          data: {
            advocateId,
            engagementId: e.engagementId,
            ...(e.requestId ? { requestId: e.requestId } : {}),
            at: input.at,
            consentId: verdict.consent.consentId,
            consentVersion: verdict.consent.version,
            ...(fatigueOverride ? { fatigueOverride } : {}),
          },
        },
      ];
    }
    case 'CompleteEngagement': {
      const e = requireEngagement(state, command.data.engagementId);
      requireEngagementStatus(e, ['SCHEDULED'], command.type);
      const completedAt = validated((v) => {
        const at = v.optionalInstant('completedAt', command.data.completedAt) ?? now;
        v.order('completedAt', at, now, 'must not be in the future', false);
        return at;
      });
      // The use is lawful only under a consent in force when it happened; the event names it.
      const verdict = requireConsent(
        state,
        e.kind,
        { territory: e.territory, channel: e.channel },
        [completedAt],
        e.engagementId,
      );
      if (verdict.consent.perUseApprovalRequired && !e.useApproved) {
        throw new DomainError(
          DomainErrorCode.PER_USE_APPROVAL_REQUIRED,
          `Consent ${verdict.consent.consentId} asks for the advocate's approval of each use; record it (ApproveUse) before completing.`,
          { advocateId, engagementId: e.engagementId, consentId: verdict.consent.consentId },
        );
      }
      return [
        {
          type: 'EngagementCompleted',
          data: {
            advocateId,
            engagementId: e.engagementId,
            ...(e.requestId ? { requestId: e.requestId } : {}),
            kind: e.kind,
            completedAt,
            consentId: verdict.consent.consentId,
            consentVersion: verdict.consent.version,
          },
        },
      ];
    }
    case 'ReleaseEngagement': {
      const e = requireEngagement(state, command.data.engagementId);
      requireEngagementStatus(e, ['RESERVED', 'ACCEPTED', 'SCHEDULED'], command.type);
      const d = validated((v) => ({
        reason: v.oneOf('reason', command.data.reason, ENGAGEMENT_RELEASE_REASONS),
        note: v.optionalText('note', command.data.note, { max: 1000 }),
      }));
      return [
        {
          type: 'EngagementReleased',
          data: {
            advocateId,
            engagementId: e.engagementId,
            ...(e.requestId ? { requestId: e.requestId } : {}),
            kind: e.kind,
            reason: d.reason,
            ...(d.note !== undefined ? { note: d.note } : {}),
            releasedAt: now,
          },
        },
      ];
    }
    case 'RecordEngagementFeedback': {
      const e = requireEngagement(state, command.data.engagementId);
      requireEngagementStatus(e, ['COMPLETED'], command.type);
      if (e.rating !== undefined)
        throw invalidTransition('Engagement', e.engagementId, 'RATED', command.type);
      const d = validated((v) => ({
        rating: v.integer('rating', command.data.rating, { min: 1, max: 5 }),
        comment: v.optionalText('comment', command.data.comment, { max: 2000 }),
      }));
      return [
        {
          type: 'EngagementFeedbackRecorded',
          data: {
            advocateId,
            engagementId: e.engagementId,
            rating: d.rating,
            ...(d.comment !== undefined ? { comment: d.comment } : {}),
            recordedBy: context.actor.userId,
          },
        },
      ];
    }
    case 'GrantReward': {
      requireStatus(state, LIVE, command.type, now);
      const policy = context.policies.reward;
      const d = validated((v) => {
        const value = v.money('value', command.data.value);
        if (value.currency !== policy.currency)
          v.fail('value.currency', `must be the program currency ${policy.currency}`);
        return {
          rewardId: v.id('rewardId', command.data.rewardId),
          kind: v.oneOf('kind', command.data.kind, REWARD_KINDS),
          description: v.text('description', command.data.description, { max: 500 }),
          value,
          // Invariant 6: every incentive is disclosed in the record.
          disclosure: v.text('disclosure', command.data.disclosure, { min: 10, max: 1000 }),
          overCapApprovalReason: optionalReason(
            v,
            'overCapApprovalReason',
            command.data.overCapApprovalReason,
          ),
        };
      });
      if (state.rewards.some((r) => r.rewardId === d.rewardId)) throw alreadyExists('Reward', d.rewardId);
      const year = yearOf(now);
      const thisYear = state.rewards
        .filter((r) => yearOf(r.grantedAt) === year)
        .reduce((sum, r) => sum + r.value.amount, 0);
      if (thisYear + d.value.amount > policy.yearlyCapPerAdvocate) {
        throw new DomainError(
          DomainErrorCode.REWARD_CAP_EXCEEDED,
          `Advocate ${advocateId} has received ${thisYear} ${policy.currency} in ${year}; this reward would pass the yearly cap of ` +
            `${policy.yearlyCapPerAdvocate}. Give a smaller reward or wait until next year.`,
          { advocateId, year, receivedThisYear: thisYear, yearlyCap: policy.yearlyCapPerAdvocate },
        );
      }
      let overCapApproval: { by: string; reason: string } | undefined;
      if (d.value.amount > policy.perRewardCap) {
        if (d.overCapApprovalReason === undefined || !hasRole(context.actor, 'PROGRAM_MANAGER')) {
          throw new DomainError(
            DomainErrorCode.REWARD_APPROVAL_REQUIRED,
            `A reward of ${d.value.amount} ${policy.currency} is above the per-reward cap of ${policy.perRewardCap}; ` +
              'a program manager must approve it with a reason.',
            { advocateId, perRewardCap: policy.perRewardCap },
          );
        }
        overCapApproval = { by: context.actor.userId, reason: d.overCapApprovalReason };
      }
      const { overCapApprovalReason: _r, ...reward } = d;
      return [
        {
          type: 'RewardGranted',
          data: {
            advocateId,
            ...reward,
            grantedBy: context.actor.userId,
            ...(overCapApproval ? { overCapApproval } : {}),
            grantedAt: now,
          },
        },
      ];
    }
    case 'RequestProfileVerification': {
      requireStatus(state, ['CANDIDATE', 'ACTIVE', 'RESTING'], command.type, now);
      const d = validated((v) => {
        const dueBy = v.instant('dueBy', command.data.dueBy);
        v.order('dueBy', now, dueBy, 'must be in the future');
        return {
          verificationId: v.id('verificationId', command.data.verificationId),
          askedOf: v.id('askedOf', command.data.askedOf),
          dueBy,
        };
      });
      if (state.pendingVerifications[d.verificationId]) throw alreadyExists('Verification', d.verificationId);
      return [{ type: 'ProfileVerificationRequested', data: { advocateId, ...d, requestedAt: now } }];
    }
    case 'VerifyProfile': {
      requireStatus(state, ['CANDIDATE', 'ACTIVE', 'RESTING'], command.type, now);
      const d = validated((v) => ({
        verificationId:
          command.data.verificationId === undefined
            ? undefined
            : v.id('verificationId', command.data.verificationId),
        note: v.optionalText('note', command.data.note, { max: 1000 }),
      }));
      if (d.verificationId !== undefined && !state.pendingVerifications[d.verificationId]) {
        throw notFound('Verification', d.verificationId);
      }
      return [
        {
          type: 'ProfileVerified',
          data: {
            advocateId,
            ...(d.verificationId !== undefined ? { verificationId: d.verificationId } : {}),
            verifiedBy: context.actor.userId,
            ...(d.note !== undefined ? { note: d.note } : {}),
            verifiedAt: now,
          },
        },
      ];
    }
    case 'LapseProfileVerification': {
      const verificationId = validated((v) => v.id('verificationId', command.data.verificationId));
      const pending = state.pendingVerifications[verificationId];
      if (!pending) throw notFound('Verification', verificationId);
      if (isAfter(pending.dueBy, now))
        throw invalidTransition('Verification', verificationId, 'NOT_YET_DUE', command.type);
      return [{ type: 'ProfileVerificationLapsed', data: { advocateId, verificationId, lapsedAt: now } }];
    }
    case 'PlaceLegalHold': {
      const d = validated((v) => ({
        holdId: v.id('holdId', command.data.holdId),
        matter: v.text('matter', command.data.matter, { max: 500 }),
      }));
      if (state.legalHolds[d.holdId]) throw alreadyExists('Legal hold', d.holdId);
      return [
        {
          type: 'LegalHoldPlaced',
          data: { advocateId, ...d, placedBy: context.actor.userId, placedAt: now },
        },
      ];
    }
    case 'ReleaseLegalHold': {
      const d = validated((v) => ({
        holdId: v.id('holdId', command.data.holdId),
        reason: v.text('reason', command.data.reason, { max: 1000 }),
      }));
      if (!state.legalHolds[d.holdId]) throw notFound('Legal hold', d.holdId);
      const released: AdvocateEvent = {
        type: 'LegalHoldReleased',
        data: { advocateId, ...d, releasedBy: context.actor.userId, releasedAt: now },
      };
      const othersRemain = Object.keys(state.legalHolds).some((id) => id !== d.holdId);
      // Invariant 10: a deferred erasure runs as soon as the last hold is released.
      if (state.deferredErasure && !othersRemain) {
        const { reason, requestedBy } = state.deferredErasure;
        return [
          released,
          { type: 'AdvocateErased', data: { advocateId, reason, requestedBy, erasedAt: now } },
        ];
      }
      return [released];
    }
    case 'RequestErasure': {
      const reason = validated((v) => v.text('reason', command.data.reason, { max: 1000 }));
      if (state.deferredErasure)
        throw invalidTransition('Advocate', advocateId, 'ERASURE_DEFERRED', command.type);
      const released = releaseAll(state, () => true, 'ADVOCATE_UNAVAILABLE', now);
      const holdIds = Object.keys(state.legalHolds);
      if (holdIds.length > 0) {
        return [
          ...released,
          {
            type: 'ErasureDeferred',
            data: { advocateId, reason, requestedBy: context.actor.userId, requestedAt: now, holdIds },
          },
        ];
      }
      return [
        ...released,
        {
          type: 'AdvocateErased',
          data: { advocateId, reason, requestedBy: context.actor.userId, erasedAt: now },
        },
      ];
    }
  }
}

/** The Advocate decider: owns consents, engagements and usage, so the consent and fatigue gates hold here. */
export const advocateDecider: Decider<
  AdvocateCommand,
  AdvocateState,
  AdvocateEvent,
  AdvocateDecisionContext
> = {
  name: 'Advocate',
  initialState: initialAdvocateState,
  decide,
  evolve: evolveAdvocate,
};

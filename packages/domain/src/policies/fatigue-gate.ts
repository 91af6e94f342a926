import type { AdvocateState } from '../advocate/advocate-state';
import { isCounted } from '../advocate/engagement';
import type { ProgramPolicies } from '../program/program-policies';
import type { ActivityKind } from '../shared/activity-kind';
import type { DecisionContext } from '../shared/decision-context';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { requireProgramManager } from '../shared/guards';
import type { Instant } from '../shared/time';
import { describeFatigueBreach, fatigueBreaches, fatigueRules } from './fatigue-policy';

/** A program manager's recorded decision to go past the fatigue limits. */
export interface FatigueOverride {
  readonly by: string;
  readonly reason: string;
  readonly breaches: string[];
}

/**
 * Invariant 2: program limits and the advocate's own hold refuse another use, unless a
 * program manager overrides them with a reason (then the override is returned for the record).
 */
export function requireFatigueAllowance(
  state: AdvocateState,
  kind: ActivityKind,
  at: Instant,
  context: DecisionContext & { readonly policies: ProgramPolicies },
  overrideReason: string | undefined,
  except?: string,
): FatigueOverride | undefined {
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

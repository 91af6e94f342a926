import type { Command, DomainEvent } from '../shared/domain-event';
import { invalidTransition } from '../shared/guards';
import { isBefore, type Instant } from '../shared/time';
import { validated } from '../shared/validator';
import type { ActivityKind } from '../shared/activity-kind';
import type { AdvocateDecisionContext } from './advocate-decision-context';
import { requireEngagement } from './advocate-guards';
import type { AdvocateState } from './advocate-state';

// A scheduled call nobody proved took place: the engagement is MISSED (a terminal status).

/**
 * Issued by due work once the slot and the program's grace period have passed without proof;
 * whether it counts toward fatigue is the program's policy, carried in the command.
 */
export type MarkEngagementMissed = Command<
  'MarkEngagementMissed',
  { engagementId: string; countsTowardFatigue: boolean }
>;

export type EngagementMissed = DomainEvent<
  'EngagementMissed',
  {
    advocateId: string;
    engagementId: string;
    requestId?: string;
    kind: ActivityKind;
    scheduledAt: Instant;
    countsTowardFatigue: boolean;
    missedAt: Instant;
  }
>;

/** The payload parser of the missed-engagement command. */
export const missedEngagementParsers = {
  MarkEngagementMissed: (d: MarkEngagementMissed['data']) =>
    validated((v) => ({
      engagementId: v.id('engagementId', d.engagementId),
      countsTowardFatigue: v.boolean('countsTowardFatigue', d.countsTowardFatigue),
    })),
};

/** Only a scheduled engagement whose time has come can be missed. */
function markEngagementMissed(
  input: ReturnType<(typeof missedEngagementParsers)['MarkEngagementMissed']>,
  state: AdvocateState,
  context: AdvocateDecisionContext,
): EngagementMissed[] {
  const e = requireEngagement(state, input.engagementId, ['SCHEDULED'], 'MarkEngagementMissed');
  if (isBefore(context.now, e.activityAt))
    throw invalidTransition('Engagement', e.engagementId, 'NOT_STARTED', 'MarkEngagementMissed');
  return [
    {
      type: 'EngagementMissed',
      data: {
        advocateId: state.advocateId,
        engagementId: e.engagementId,
        ...(e.requestId ? { requestId: e.requestId } : {}),
        kind: e.kind,
        scheduledAt: e.activityAt,
        countsTowardFatigue: input.countsTowardFatigue,
        missedAt: context.now,
      },
    },
  ];
}

/** The rule of missed engagements. */
export const missedEngagementRules = { MarkEngagementMissed: markEngagementMissed };

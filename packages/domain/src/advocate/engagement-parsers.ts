import { CHANNELS } from '../consent/consent';
import { ACTIVITY_KINDS } from '../shared/activity-kind';
import { validated, type Validator } from '../shared/validator';
import type {
  AcceptEngagement,
  ApproveUse,
  CompleteEngagement,
  RecordEngagementFeedback,
  ReleaseEngagement,
  ReserveEngagement,
  ScheduleEngagement,
} from './advocate-commands';
import type { AdvocateDecisionContext } from './advocate-decision-context';
import { ENGAGEMENT_RELEASE_REASONS } from './engagement';

// The payloads of engagement commands, checked before any rule runs.

function optionalReason(v: Validator, field: string, value: unknown): string | undefined {
  return v.optionalText(field, value, { max: 1000 });
}

function parseReserveEngagement(d: ReserveEngagement['data'], context: AdvocateDecisionContext) {
  return validated((v) => {
    const activityAt = v.optionalInstant('activityAt', d.activityAt) ?? context.now;
    v.order('activityAt', context.now, activityAt, 'must not be in the past', false);
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
        kind: v.oneOf('ownerClearance.kind', clearance.kind, [
          'OWNER',
          'OVERRIDE',
          'SELF_SERVE',
          'PM_FULFILLED',
        ] as const),
        by: v.id('ownerClearance.by', clearance.by),
        reason: optionalReason(v, 'ownerClearance.reason', clearance.reason),
      },
      fatigueOverrideReason: optionalReason(v, 'fatigueOverrideReason', d.fatigueOverrideReason),
    };
  });
}

function parseScheduleEngagement(d: ScheduleEngagement['data'], context: AdvocateDecisionContext) {
  return validated((v) => {
    const at = v.instant('at', d.at);
    v.order('at', context.now, at, 'must not be in the past', false);
    return {
      engagementId: v.id('engagementId', d.engagementId),
      at,
      fatigueOverrideReason: optionalReason(v, 'fatigueOverrideReason', d.fatigueOverrideReason),
    };
  });
}

function parseCompleteEngagement(d: CompleteEngagement['data'], context: AdvocateDecisionContext) {
  return validated((v) => {
    const completedAt = v.optionalInstant('completedAt', d.completedAt) ?? context.now;
    v.order('completedAt', completedAt, context.now, 'must not be in the future', false);
    return { engagementId: v.id('engagementId', d.engagementId), completedAt };
  });
}

/** The payload parsers of engagement commands. */
export const engagementParsers = {
  ReserveEngagement: parseReserveEngagement,
  AcceptEngagement: (d: AcceptEngagement['data']) => validated((v) => v.id('engagementId', d.engagementId)),
  ApproveUse: (d: ApproveUse['data']) =>
    validated((v) => ({
      engagementId: v.id('engagementId', d.engagementId),
      evidence: v.text('evidence', d.evidence, { max: 1000 }),
    })),
  ScheduleEngagement: parseScheduleEngagement,
  CompleteEngagement: parseCompleteEngagement,
  ReleaseEngagement: (d: ReleaseEngagement['data']) =>
    validated((v) => ({
      engagementId: v.id('engagementId', d.engagementId),
      reason: v.oneOf('reason', d.reason, ENGAGEMENT_RELEASE_REASONS),
      note: v.optionalText('note', d.note, { max: 1000 }),
    })),
  RecordEngagementFeedback: (d: RecordEngagementFeedback['data']) =>
    validated((v) => ({
      engagementId: v.id('engagementId', d.engagementId),
      rating: v.integer('rating', d.rating, { min: 1, max: 5 }),
      topicFit: v.optionalInteger('topicFit', d.topicFit, { min: 1, max: 5 }),
      comment: v.optionalText('comment', d.comment, { max: 2000 }),
    })),
};

/** The checked input of each engagement command. */
export type EngagementInput<K extends keyof typeof engagementParsers> = ReturnType<
  (typeof engagementParsers)[K]
>;

import type { RuleOf } from '../shared/command-handlers';
import type { Command, DomainEvent } from '../shared/domain-event';
import { invalidTransition } from '../shared/guards';
import { validated } from '../shared/validator';
import type { AdvocateDecisionContext } from './advocate-decision-context';
import type { AdvocateEvent } from './advocate-events';
import { requireEngagement } from './advocate-guards';
import type { AdvocateState } from './advocate-state';

// The advocate's side of two-sided feedback (RO Innovation, Influitive): after the activity the
// advocate says how it went and whether the ask was in their area. The requester's side is
// `RecordEngagementFeedback`; the two are independent events, either may come first.

/** The advocate's own feedback on a completed engagement, recorded by the program or the account owner. */
export type RecordAdvocateFeedback = Command<
  'RecordAdvocateFeedback',
  { engagementId: string; rating: number; topicFit?: number; comment?: string }
>;
export type AdvocateFeedbackRecorded = DomainEvent<
  'AdvocateFeedbackRecorded',
  {
    advocateId: string;
    engagementId: string;
    rating: number;
    topicFit?: number;
    comment?: string;
    recordedBy: string;
  }
>;

/** The payload parser of the advocate's feedback. */
export const advocateFeedbackParsers = {
  RecordAdvocateFeedback: (d: RecordAdvocateFeedback['data']) =>
    validated((v) => ({
      engagementId: v.id('engagementId', d.engagementId),
      rating: v.integer('rating', d.rating, { min: 1, max: 5 }),
      topicFit: v.optionalInteger('topicFit', d.topicFit, { min: 1, max: 5 }),
      comment: v.optionalText('comment', d.comment, { max: 2000 }),
    })),
};

/** Once per engagement, and only after the activity took place. */
const recordAdvocateFeedback: RuleOf<
  typeof advocateFeedbackParsers,
  'RecordAdvocateFeedback',
  AdvocateState,
  AdvocateEvent,
  AdvocateDecisionContext
> = (input, state, context) => {
  const e = requireEngagement(state, input.engagementId, ['COMPLETED'], 'RecordAdvocateFeedback');
  if (e.advocateFeedback !== undefined)
    throw invalidTransition('Engagement', e.engagementId, 'RATED_BY_ADVOCATE', 'RecordAdvocateFeedback');
  return [
    {
      type: 'AdvocateFeedbackRecorded',
      data: {
        advocateId: state.advocateId,
        engagementId: e.engagementId,
        rating: input.rating,
        ...(input.topicFit !== undefined ? { topicFit: input.topicFit } : {}),
        ...(input.comment !== undefined ? { comment: input.comment } : {}),
        recordedBy: context.actor.userId,
      },
    },
  ];
};

/** The rule of the advocate's feedback. */
export const advocateFeedbackRules = { RecordAdvocateFeedback: recordAdvocateFeedback };

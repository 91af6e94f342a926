import type { ActivityFeedback, AdvocateState } from '@vouch/domain';

/** Both sides' feedback on each of an advocate's rated engagements, as the match score reads it. */
export function feedbackHistory(state: AdvocateState): ActivityFeedback[] {
  const feedback: ActivityFeedback[] = [];
  for (const e of Object.values(state.engagements)) {
    if (e.rating === undefined && e.advocateFeedback === undefined) continue;
    feedback.push({
      kind: e.kind,
      ...(e.rating !== undefined ? { requesterRating: e.rating } : {}),
      ...(e.topicFit !== undefined ? { requesterTopicFit: e.topicFit } : {}),
      ...(e.advocateFeedback ? { advocateRating: e.advocateFeedback.rating } : {}),
      ...(e.advocateFeedback?.topicFit !== undefined
        ? { advocateTopicFit: e.advocateFeedback.topicFit }
        : {}),
    });
  }
  return feedback;
}

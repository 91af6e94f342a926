import type { RequestFeedbackRecorded } from '@vouch/domain';
import { commandFor, dataOf, type ProcessManager } from './process-manager';

const NAME = 'mirror-request-feedback';

/**
 * The requester's feedback recorded on the request → the same rating and topic fit on the
 * advocate's engagement, where the match score reads it. The comment stays on the request
 * (personal data is not copied where it is not needed). Already rated there: refused, final.
 */
export const mirrorRequestFeedback: ProcessManager = {
  name: NAME,
  eventTypes: ['RequestFeedbackRecorded'],
  decide(event) {
    const data = dataOf<RequestFeedbackRecorded>(event);
    if (data.engagementId === '') return [];
    return [
      commandFor(NAME, event, {
        type: 'RecordEngagementFeedback',
        aggregateId: data.advocateId,
        data: {
          engagementId: data.engagementId,
          rating: data.rating,
          ...(data.topicFit !== undefined ? { topicFit: data.topicFit } : {}),
        },
      }),
    ];
  },
};

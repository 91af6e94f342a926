import type { AdvocateAcceptedRequest, AdvocateDeclinedRequest } from '@vouch/domain';
import { commandFor, dataOf, type ProcessManager } from './process-manager';

const NAME = 'mirror-advocate-response';

/** The advocate's answer recorded on the request → their engagement is accepted or released. */
export const mirrorAdvocateResponse: ProcessManager = {
  name: NAME,
  eventTypes: ['AdvocateAcceptedRequest', 'AdvocateDeclinedRequest'],
  decide(event) {
    const data = dataOf<AdvocateAcceptedRequest | AdvocateDeclinedRequest>(event);
    if (event.type === 'AdvocateAcceptedRequest') {
      return [
        commandFor(NAME, event, {
          type: 'AcceptEngagement',
          aggregateId: data.advocateId,
          data: { engagementId: data.engagementId },
        }),
      ];
    }
    return [
      commandFor(NAME, event, {
        type: 'ReleaseEngagement',
        aggregateId: data.advocateId,
        data: { engagementId: data.engagementId, reason: 'DECLINED' },
      }),
    ];
  },
};

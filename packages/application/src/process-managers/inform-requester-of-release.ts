import type { EngagementReleased } from '@vouch/domain';
import { commandFor, dataOf, type ProcessManager } from './process-manager';

const NAME = 'inform-requester-of-release';

// Releases the request itself caused are already on the request; these come from the advocate's side.
const FROM_THE_ADVOCATE_SIDE = new Set(['CONSENT_WITHDRAWN', 'CONSENT_EXPIRED', 'ADVOCATE_UNAVAILABLE']);

/** An engagement released on the advocate's side (withdrawal, expiry, DNC) → the request's candidate is released and the requester informed. */
export const informRequesterOfRelease: ProcessManager = {
  name: NAME,
  eventTypes: ['EngagementReleased'],
  decide(event) {
    const data = dataOf<EngagementReleased>(event);
    if (!data.requestId || !FROM_THE_ADVOCATE_SIDE.has(data.reason)) return [];
    return [
      commandFor(NAME, event, {
        type: 'ReleaseCandidate',
        aggregateId: data.requestId,
        data: { advocateId: data.advocateId, reason: data.reason },
      }),
    ];
  },
};

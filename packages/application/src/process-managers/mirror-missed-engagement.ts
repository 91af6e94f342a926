import type { EngagementMissed } from '@vouch/domain';
import { commandFor, dataOf, type ProcessManager } from './process-manager';

const NAME = 'mirror-missed-engagement';

/** The advocate's engagement was missed (due work, after the grace period) → the request's candidate is MISSED too. */
export const mirrorMissedEngagement: ProcessManager = {
  name: NAME,
  eventTypes: ['EngagementMissed'],
  decide(event) {
    const data = dataOf<EngagementMissed>(event);
    if (data.requestId === undefined) return [];
    return [
      commandFor(NAME, event, {
        type: 'MarkActivityMissed',
        aggregateId: data.requestId,
        data: { advocateId: data.advocateId, countsTowardFatigue: data.countsTowardFatigue },
      }),
    ];
  },
};

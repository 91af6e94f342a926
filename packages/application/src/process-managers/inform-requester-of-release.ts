import type { EngagementReleased } from '@vouch/domain';
import { dataOf, reactionId, type ProcessManager } from './process-manager';

// Releases the request itself caused are already on the request; these come from the advocate's side.
const FROM_THE_ADVOCATE_SIDE = new Set(['CONSENT_WITHDRAWN', 'CONSENT_EXPIRED', 'ADVOCATE_UNAVAILABLE']);

/** An engagement released on the advocate's side (withdrawal, expiry, DNC) → the request's candidate is released and the requester informed. */
export const informRequesterOfRelease: ProcessManager = {
  name: 'inform-requester-of-release',
  eventTypes: ['EngagementReleased'],
  async handle(event, context) {
    const data = dataOf<EngagementReleased>(event);
    if (!data.requestId || !FROM_THE_ADVOCATE_SIDE.has(data.reason)) return;
    await context.execute({
      type: 'ReleaseCandidate',
      commandId: reactionId(this.name, event),
      aggregateId: data.requestId,
      causationId: event.eventId,
      correlationId: event.metadata.correlationId,
      data: { advocateId: data.advocateId, reason: data.reason },
    });
  },
};

import type { EngagementReserved, RequestCancelled, RequestLapsed } from '@vouch/domain';
import { SavedStateShapeError } from '@vouch/event-store';
import { commandFor, dataOf, type ProcessManager } from './process-manager';

const NAME = 'release-engagements-of-closed-request';

/** The engagements still pending (reserved, accepted or scheduled) for each request. */
export interface PendingEngagements {
  /** Request id → engagement id → advocate id. */
  readonly byRequest: Map<string, Map<string, string>>;
  /** Engagement id → request id, for the engagement events that name only the engagement. */
  readonly requestOf: Map<string, string>;
}

/**
 * A request cancelled or lapsed → the engagements still reserved for it are released. It
 * learns which engagements are pending from the advocates' engagement events, so a closing
 * request folds no aggregate.
 */
export const releaseEngagementsOfClosedRequest: ProcessManager<PendingEngagements> = {
  name: NAME,
  eventTypes: [
    'EngagementReserved',
    'EngagementCompleted',
    'EngagementReleased',
    'RequestCancelled',
    'RequestLapsed',
  ],
  initialState: () => ({ byRequest: new Map(), requestOf: new Map() }),
  savedState: {
    version: 1,
    // Request id → [engagement id, advocate id][]; `requestOf` follows from it.
    save: (pending) => [...pending.byRequest].map(([requestId, ofRequest]) => [requestId, [...ofRequest]]),
    restore(saved) {
      if (!Array.isArray(saved)) throw new SavedStateShapeError('pending engagements is not a list');
      const byRequest = new Map(
        (saved as [string, [string, string][]][]).map(([requestId, ofRequest]) => [
          requestId,
          new Map(ofRequest),
        ]),
      );
      const requestOf = new Map<string, string>();
      for (const [requestId, ofRequest] of byRequest) {
        for (const engagementId of ofRequest.keys()) requestOf.set(engagementId, requestId);
      }
      return { byRequest, requestOf };
    },
  },
  evolve(pending, event) {
    if (event.type === 'EngagementReserved') {
      const { requestId, engagementId, advocateId } = dataOf<EngagementReserved>(event);
      if (requestId === undefined) return pending;
      const ofRequest = pending.byRequest.get(requestId) ?? new Map<string, string>();
      pending.byRequest.set(requestId, ofRequest.set(engagementId, advocateId));
      pending.requestOf.set(engagementId, requestId);
    } else if (event.type === 'EngagementCompleted' || event.type === 'EngagementReleased') {
      const { engagementId } = event.data as { engagementId: string };
      const requestId = pending.requestOf.get(engagementId);
      if (requestId === undefined) return pending;
      pending.requestOf.delete(engagementId);
      const ofRequest = pending.byRequest.get(requestId);
      ofRequest?.delete(engagementId);
      if (ofRequest?.size === 0) pending.byRequest.delete(requestId);
    }
    return pending;
  },
  decide(event, pending) {
    if (event.type !== 'RequestCancelled' && event.type !== 'RequestLapsed') return [];
    const { requestId } = dataOf<RequestCancelled | RequestLapsed>(event);
    const reason = event.type === 'RequestCancelled' ? 'CANCELLED' : 'REQUEST_LAPSED';
    return [...(pending.byRequest.get(requestId) ?? [])].map(([engagementId, advocateId]) =>
      commandFor(
        NAME,
        event,
        { type: 'ReleaseEngagement', aggregateId: advocateId, data: { engagementId, reason } },
        advocateId,
      ),
    );
  },
};

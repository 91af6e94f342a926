import {
  fold,
  isPending,
  referenceRequestDecider,
  type RequestCancelled,
  type RequestLapsed,
} from '@vouch/domain';
import { AggregateReader } from '../commands/aggregate-reader';
import { streamIdOf } from '../commands/stream-ids';
import { dataOf, reactionId, type ProcessManager } from './process-manager';

/** A request cancelled or lapsed → the engagements still reserved for it are released. */
export const releaseEngagementsOfClosedRequest: ProcessManager = {
  name: 'release-engagements-of-closed-request',
  eventTypes: ['RequestCancelled', 'RequestLapsed'],
  async handle(event, context) {
    const { requestId } = dataOf<RequestCancelled | RequestLapsed>(event);
    const reader = new AggregateReader(context.store);
    const request = fold(
      referenceRequestDecider,
      (await reader.events(context.tenantId, streamIdOf('ReferenceRequest', requestId))) as never,
    );
    const reason = event.type === 'RequestCancelled' ? 'CANCELLED' : 'REQUEST_LAPSED';
    for (const candidate of Object.values(request.candidates)) {
      if (!candidate.engagementId) continue;
      const advocate = await reader.advocate(context.tenantId, candidate.advocateId);
      const engagement = advocate.engagements[candidate.engagementId];
      if (!engagement || !isPending(engagement)) continue;
      await context.execute({
        type: 'ReleaseEngagement',
        commandId: reactionId(this.name, event, candidate.advocateId),
        aggregateId: candidate.advocateId,
        causationId: event.eventId,
        correlationId: event.metadata.correlationId,
        data: { engagementId: candidate.engagementId, reason },
      });
    }
  },
};

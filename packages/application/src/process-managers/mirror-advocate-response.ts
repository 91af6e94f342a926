import type { AdvocateAcceptedRequest, AdvocateDeclinedRequest } from '@vouch/domain';
import { dataOf, reactionId, type ProcessManager } from './process-manager';

/** The advocate's answer recorded on the request → their engagement is accepted or released. */
export const mirrorAdvocateResponse: ProcessManager = {
  name: 'mirror-advocate-response',
  eventTypes: ['AdvocateAcceptedRequest', 'AdvocateDeclinedRequest'],
  async handle(event, context) {
    const data = dataOf<AdvocateAcceptedRequest | AdvocateDeclinedRequest>(event);
    const trace = { causationId: event.eventId, correlationId: event.metadata.correlationId };
    if (event.type === 'AdvocateAcceptedRequest') {
      await context.execute({
        type: 'AcceptEngagement',
        commandId: reactionId(this.name, event),
        aggregateId: data.advocateId,
        ...trace,
        data: { engagementId: data.engagementId },
      });
      return;
    }
    await context.execute({
      type: 'ReleaseEngagement',
      commandId: reactionId(this.name, event),
      aggregateId: data.advocateId,
      ...trace,
      data: { engagementId: data.engagementId, reason: 'DECLINED' },
    });
  },
};

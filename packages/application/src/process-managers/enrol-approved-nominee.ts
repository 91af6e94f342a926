import type { NominationApproved, NominationSubmitted } from '@vouch/domain';
import { readWholeStream } from '../commands/read-whole-stream';
import { streamIdOf } from '../commands/stream-ids';
import { dataOf, reactionId, type ProcessManager } from './process-manager';

/** Nomination approved → the candidate is enrolled as an advocate, with the nomination's details. */
export const enrolApprovedNominee: ProcessManager = {
  name: 'enrol-approved-nominee',
  eventTypes: ['NominationApproved'],
  async handle(event, context) {
    const approved = dataOf<NominationApproved>(event);
    const nomination = await readWholeStream(
      context.store,
      context.tenantId,
      streamIdOf('Nomination', approved.nominationId),
    );
    const submittedEvent = nomination.find((e) => e.type === 'NominationSubmitted');
    if (!submittedEvent) return;
    const submitted = dataOf<NominationSubmitted>(submittedEvent);
    await context.execute({
      type: 'EnrolAdvocate',
      commandId: reactionId(this.name, event),
      causationId: event.eventId,
      correlationId: event.metadata.correlationId,
      data: {
        advocateId: approved.candidateId,
        accountId: approved.accountId,
        nominationId: approved.nominationId,
        ...submitted.candidate,
        ...submitted.attributes,
      },
    });
  },
};

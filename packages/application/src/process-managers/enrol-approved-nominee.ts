import type { NominationApproved, NominationSubmitted } from '@vouch/domain';
import { commandFor, dataOf, type ProcessManager } from './process-manager';

const NAME = 'enrol-approved-nominee';

/** The nominations still awaiting a decision, by id, as submitted (dropped once decided). */
export type PendingNominations = Map<string, NominationSubmitted['data']>;

/**
 * Nomination approved → the candidate is enrolled as an advocate, with the nomination's
 * details. It remembers a nomination's details only until it is decided, so a candidate's
 * personal data is held no longer than the enrolment needs it. Its state is not saved
 * (`savedState`): it holds candidates' personal data, which a saved state may not keep in
 * plain text (invariant 10), so it relearns from the log on each start.
 */
export const enrolApprovedNominee: ProcessManager<PendingNominations> = {
  name: NAME,
  eventTypes: ['NominationSubmitted', 'NominationApproved', 'NominationRejected', 'NominationWithdrawn'],
  initialState: () => new Map(),
  evolve(pending, event) {
    const { nominationId } = event.data as { nominationId: string };
    if (event.type === 'NominationSubmitted') pending.set(nominationId, dataOf<NominationSubmitted>(event));
    else pending.delete(nominationId);
    return pending;
  },
  decide(event, pending) {
    if (event.type !== 'NominationApproved') return [];
    const approved = dataOf<NominationApproved>(event);
    const submitted = pending.get(approved.nominationId);
    if (!submitted) return [];
    return [
      commandFor(NAME, event, {
        type: 'EnrolAdvocate',
        data: {
          advocateId: approved.candidateId,
          accountId: approved.accountId,
          nominationId: approved.nominationId,
          ...submitted.candidate,
          ...submitted.attributes,
        },
      }),
    ];
  },
};

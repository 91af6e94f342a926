import type { NominationApproved, NominationSubmitted } from '@vouch/domain';
import { SavedStateShapeError, type SealedValue } from '@vouch/event-store';
import { commandFor, dataOf, type ProcessManager } from './process-manager';

const NAME = 'enrol-approved-nominee';

/** The nominations still awaiting a decision, by id, as submitted (dropped once decided). */
export type PendingNominations = Map<string, NominationSubmitted['data']>;

/**
 * Nomination approved → the candidate is enrolled as an advocate, with the nomination's
 * details. It remembers a nomination's details only until it is decided, so a candidate's
 * personal data is held no longer than the enrolment needs it. Its saved state seals each
 * candidate's personal values under the candidate's key (invariant 10): an erased
 * candidate's pending nomination is not restored.
 */
export const enrolApprovedNominee: ProcessManager<PendingNominations> = {
  name: NAME,
  eventTypes: ['NominationSubmitted', 'NominationApproved', 'NominationRejected', 'NominationWithdrawn'],
  initialState: () => new Map(),
  savedState: {
    version: 1,
    save: (pending) => [...pending],
    restore(saved) {
      if (!Array.isArray(saved)) throw new SavedStateShapeError('pending nominations is not a list');
      return new Map(saved as [string, NominationSubmitted['data']][]);
    },
    async seal(saved, keys) {
      const entries = saved as [string, NominationSubmitted['data']][];
      const sealed = await keys.sealMany(
        entries.map(([, d]) => ({
          subjectId: d.candidateId,
          values: { candidate: d.candidate, evidence: d.evidence },
        })),
      );
      return entries.flatMap(([id, { candidate: _c, evidence: _e, ...rest }], i) =>
        sealed[i] ? [[id, rest, sealed[i]] as const] : [],
      );
    },
    async open(stored, keys) {
      const rows = stored as [
        string,
        Omit<NominationSubmitted['data'], 'candidate' | 'evidence'>,
        SealedValue,
      ][];
      if (!Array.isArray(rows)) throw new SavedStateShapeError('sealed pending nominations is not a list');
      const opened = await keys.openMany(rows.map(([, , sealed]) => sealed));
      return rows.flatMap(([id, rest], i) => {
        const personal = opened[i] as Pick<NominationSubmitted['data'], 'candidate' | 'evidence'> | undefined;
        return personal ? [[id, { ...rest, ...personal }]] : [];
      });
    },
  },
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

import type { EveryMember } from '../shared/every-member';
import type { ReferenceRequestEvent } from './reference-request-events';
import type { Candidate, ReferenceRequestState } from './reference-request-state';
import type { CandidateSchedule } from './slot-offer';

// Every member named, so that a pick overrides and never adds (see EveryMember).
const NO_SCHEDULE: CandidateSchedule = {
  offers: [],
  picked: undefined,
  confirmations: [],
} satisfies EveryMember<CandidateSchedule>;

// Written out, not spread: a schedule read back from a snapshot has lost `picked` while unpicked,
// and `{ ...schedule, picked }` would append it after `confirmations` (see accountWith).
const scheduleWith = (schedule: CandidateSchedule, change: Partial<CandidateSchedule>): CandidateSchedule =>
  Object.assign(
    {
      offers: schedule.offers,
      picked: schedule.picked,
      confirmations: schedule.confirmations,
    } satisfies EveryMember<CandidateSchedule>,
    change,
  );

/** What a scheduling event changes of its candidate (undefined for any other event). */
export function schedulingChange(
  state: ReferenceRequestState,
  event: ReferenceRequestEvent,
): { advocateId: string; change: Partial<Candidate> } | undefined {
  if (
    event.type !== 'SlotsOffered' &&
    event.type !== 'SlotPicked' &&
    event.type !== 'AttendanceConfirmed' &&
    event.type !== 'ActivityMissed'
  )
    return undefined;
  const { advocateId } = event.data;
  const schedule = state.candidates[advocateId]?.schedule ?? NO_SCHEDULE;
  const at = (next: CandidateSchedule) => ({ advocateId, change: { schedule: next } });
  switch (event.type) {
    case 'SlotsOffered': {
      const { offerNo, timeZone, durationMinutes, slots, offeredBy, offeredAt } = event.data;
      const offer = { offerNo, timeZone, durationMinutes, slots, offeredBy, offeredAt };
      return at(scheduleWith(schedule, { offers: [...schedule.offers, offer] }));
    }
    case 'SlotPicked': {
      const { offerNo, timeZone, startsAt, endsAt, pickedBy, pickedAt } = event.data;
      // A new pick is a new call: confirmations of the old time do not carry over.
      return at(
        scheduleWith(schedule, {
          picked: { offerNo, timeZone, startsAt, endsAt, pickedBy, pickedAt },
          confirmations: [],
        }),
      );
    }
    case 'AttendanceConfirmed':
      return at(scheduleWith(schedule, { confirmations: [...schedule.confirmations, event.data.party] }));
    case 'ActivityMissed':
      return { advocateId, change: { status: 'MISSED' } };
  }
}

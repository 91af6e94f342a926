import type { AdvocateView } from '@vouch/projections';
import type { ReferenceRequestState } from '@vouch/domain';
import ical, { ICalCalendarMethod } from 'ical-generator';

/** A picked call as an iCalendar invitation (RFC 5545), with what the caller may see of the advocate. */
export interface CallInvitation {
  readonly requestId: string;
  readonly advocateId: string;
  readonly startsAt: string;
  readonly endsAt: string;
  /** The time zone the slots were offered in. */
  readonly timeZone: string;
  /** The `text/calendar` document. */
  readonly ics: string;
}

/** The advocate's local time of the call, for people (the calendar's times are UTC). */
function localTime(instant: string, timeZone: string): string {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    dateStyle: 'full',
    timeStyle: 'short',
  });
  return `${format.format(new Date(instant))} (${timeZone})`;
}

/**
 * The invitation to a candidate's picked call, or undefined when no time is picked. The
 * advocate's name and email are in it only when `advocate` is the full view with a contact
 * (the caller is entitled and the advocate is not erased); otherwise it names no one.
 */
export function callInvitation(
  request: ReferenceRequestState,
  advocateId: string,
  advocate: AdvocateView | undefined,
): CallInvitation | undefined {
  const candidate = request.candidates[advocateId];
  const picked = candidate?.schedule?.picked;
  if (!candidate || !picked || candidate.status === 'RELEASED') return undefined;
  const { timeZone } = picked;
  const contact = advocate?.view === 'FULL' ? advocate.contact : undefined;
  const calendar = ical({ prodId: { company: 'Vouch', product: 'Reference calls', language: 'EN' } });
  calendar.method(ICalCalendarMethod.REQUEST);
  const opportunity = request.opportunity ? ` for opportunity ${request.opportunity.opportunityId}` : '';
  const event = calendar.createEvent({
    id: `${candidate.engagementId ?? `${request.requestId}.${advocateId}`}@vouch`,
    sequence: picked.offerNo,
    stamp: new Date(picked.pickedAt),
    start: new Date(picked.startsAt),
    end: new Date(picked.endsAt),
    summary: contact ? `Reference call with ${contact.name}` : 'Reference call',
    description: [
      `Reference call${opportunity} (request ${request.requestId}).`,
      `Local time of the offer: ${localTime(picked.startsAt, timeZone)}.`,
      'After the call, confirm attendance in Vouch: the call completes once both sides (or the meeting provider) confirm.',
    ].join('\n'),
  });
  if (contact) event.createAttendee({ email: contact.email, name: contact.name });
  return {
    requestId: request.requestId,
    advocateId,
    startsAt: picked.startsAt,
    endsAt: picked.endsAt,
    timeZone,
    ics: calendar.toString(),
  };
}

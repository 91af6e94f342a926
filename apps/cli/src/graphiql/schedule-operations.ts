import type { ExampleTab } from './example-operations';

const OFFER = `# Schedule a call, with proof (after "4 Fulfil": Ask, then Response — instead of its Schedule).
# The program offers at least three future, non-overlapping slots for the advocate, in their
# time zone; a new offer reschedules (the old one stays in the history).
mutation Offer($offer: OfferSlotsInput!) {
  offerSlots(input: $offer) { eventTypes duplicate }
}

# After the call: the program confirms for the advocate (or for the meeting provider, whose
# signal alone is proof). With the requester's confirmation too, the activity is completed.
mutation ConfirmForAdvocate($confirm: ConfirmAttendanceInput!) {
  confirmAttendance(input: $confirm) { eventTypes duplicate }
}
`;

const PICK = `# Only the request's requester picks one offered slot (for their prospect). The advocate's
# consent and fatigue gates hold at the picked time: a consent withdrawn or expiring before the
# call refuses the pick (CONSENT_REQUIRED). A slot that was not offered: SLOT_NOT_OFFERED.
query Slots($requestId: ID!) {
  request(requestId: $requestId) {
    status
    candidates { advocateId status schedule {
      offers { offerNo timeZone durationMinutes slots { startsAt endsAt } }
      picked { startsAt endsAt timeZone pickedBy }
      confirmations
    } }
  }
}

mutation Pick($pick: PickSlotInput!) {
  pickSlot(input: $pick) { eventTypes duplicate }
}

# The iCalendar invitation (RFC 5545): it names the advocate only for those who may see them in full.
query Invitation($requestId: ID!, $advocateId: ID!) {
  callInvitation(requestId: $requestId, advocateId: $advocateId) { startsAt endsAt timeZone ics }
}

# After the call, the requester confirms their side. One side alone is no proof: without the
# other (or the meeting provider) by the program's grace period, the call becomes MISSED.
mutation ConfirmMine($confirm: ConfirmAttendanceInput!) {
  confirmAttendance(input: $confirm) { eventTypes duplicate }
}
`;

/** The "Schedule a call" tabs: the program offers slots, the requester picks, both confirm. */
export function scheduleTabs(requestId: string, advocateId: string, now: Date): ExampleTab[] {
  const day = 86_400_000;
  // Afternoon slots (15:00 UTC) two, three and four days out.
  const slot = (days: number) =>
    new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + days * day + 15 * 3_600_000,
    ).toISOString();
  const candidate = { requestId, advocateId };
  return [
    {
      title: 'Schedule a call',
      role: 'PROGRAM_MANAGER',
      query: OFFER,
      variables: {
        offer: {
          commandId: `${requestId}-offer`,
          ...candidate,
          slots: [2, 3, 4].map((days) => ({ startsAt: slot(days) })),
          durationMinutes: 30,
          timeZone: 'Europe/Berlin',
        },
        confirm: { commandId: `${requestId}-confirm-advocate`, ...candidate, party: 'ADVOCATE' },
      },
    },
    {
      title: 'Schedule a call: pick',
      role: 'REQUESTER',
      query: PICK,
      variables: {
        ...candidate,
        pick: { commandId: `${requestId}-pick`, ...candidate, startsAt: slot(3) },
        confirm: { commandId: `${requestId}-confirm-requester`, ...candidate, party: 'REQUESTER' },
      },
    },
  ];
}

import type { CommandRows } from './command-definition';

const SLOT = {
  name: 'OfferedSlot',
  description: 'One time offered for the call.',
  fields: { startsAt: { kind: 'instant', description: 'When the call would start.' } },
} as const;

/** The catalogue rows of scheduling with proof: slots, the pick, attendance, the missed call. */
export const SCHEDULING_COMMANDS = {
  SetSchedulingPolicy: {
    aggregate: 'Program',
    description:
      'Set how long after a call proof may come before it is missed, and whether a missed call counts toward fatigue.',
    payload: {
      graceMinutes: {
        kind: 'int',
        min: 0,
        max: 10080,
        description: 'Minutes after the call ends before it is missed.',
      },
      missedCountsTowardFatigue: {
        kind: 'boolean',
        description: "Whether a missed call counts toward the advocate's fatigue.",
      },
    },
  },
  OfferSlots: {
    aggregate: 'ReferenceRequest',
    description:
      'Offer times for the call of an advocate who accepted (at least three, future, not overlapping); again to reschedule.',
    payload: {
      advocateId: { kind: 'id', description: 'The candidate advocate.' },
      slots: { kind: 'objectList', shape: SLOT, description: 'The times offered (3 to 10).' },
      durationMinutes: {
        kind: 'int',
        min: 15,
        max: 480,
        description: 'How long the call lasts, in minutes.',
      },
      timeZone: { kind: 'text', description: "The advocate's IANA time zone (e.g. Europe/Paris)." },
    },
  },
  PickSlot: {
    aggregate: 'ReferenceRequest',
    description:
      "The requester picks one offered slot; the advocate's consent and fatigue gates hold at that time. Again to move the call.",
    payload: {
      advocateId: { kind: 'id', description: 'The candidate advocate.' },
      startsAt: { kind: 'instant', description: 'The start of one slot of the latest offer.' },
      fatigueOverrideReason: {
        kind: 'text',
        long: true,
        description: "A program manager's reason to override the advocate's fatigue limits at this time.",
        optional: true,
      },
    },
  },
  ConfirmAttendance: {
    aggregate: 'ReferenceRequest',
    description:
      'Confirm the call took place: both the advocate and the requester, or the meeting provider, complete it.',
    payload: {
      advocateId: { kind: 'id', description: 'The candidate advocate.' },
      party: { kind: 'enum', of: 'AttendanceParty', description: 'Who vouches for the call.' },
    },
  },
  MarkActivityMissed: {
    aggregate: 'ReferenceRequest',
    description: "Record on the request that the call was missed (mirrors the advocate's missed engagement).",
    payload: {
      advocateId: { kind: 'id', description: 'The candidate advocate.' },
      countsTowardFatigue: { kind: 'boolean', description: 'Whether the missed call counts toward fatigue.' },
    },
  },
  MarkEngagementMissed: {
    aggregate: 'Advocate',
    description:
      'Nobody proved the scheduled call took place within the grace period: the engagement is missed.',
    payload: {
      engagementId: { kind: 'id', description: 'The engagement.' },
      countsTowardFatigue: {
        kind: 'boolean',
        description: "Whether it counts toward the advocate's fatigue (the program's policy).",
      },
    },
  },
} satisfies CommandRows<
  | 'SetSchedulingPolicy'
  | 'OfferSlots'
  | 'PickSlot'
  | 'ConfirmAttendance'
  | 'MarkActivityMissed'
  | 'MarkEngagementMissed'
>;

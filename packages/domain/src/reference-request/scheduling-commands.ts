import type { Command } from '../shared/domain-event';
import type { Instant } from '../shared/time';
import type { AttendanceParty } from './slot-offer';

/** The advocate (through a program manager) offers times for the call; again to reschedule. */
export type OfferSlots = Command<
  'OfferSlots',
  {
    advocateId: string;
    slots: { startsAt: Instant }[];
    durationMinutes: number;
    timeZone: string;
  }
>;
/** The requester picks one offered slot (for their prospect); again to move to another one. */
export type PickSlot = Command<
  'PickSlot',
  { advocateId: string; startsAt: Instant; fatigueOverrideReason?: string }
>;
/** One party vouches that the call took place; proof completes the activity. */
export type ConfirmAttendance = Command<'ConfirmAttendance', { advocateId: string; party: AttendanceParty }>;
/** Nobody proved the call took place in time: the activity is missed (issued once the advocate's is). */
export type MarkActivityMissed = Command<
  'MarkActivityMissed',
  { advocateId: string; countsTowardFatigue: boolean }
>;

/** The scheduling commands of a request. */
export type SchedulingCommand = OfferSlots | PickSlot | ConfirmAttendance | MarkActivityMissed;

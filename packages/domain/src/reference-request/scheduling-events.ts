import type { DomainEvent } from '../shared/domain-event';
import type { Instant } from '../shared/time';
import type { AttendanceParty, TimeSlot } from './slot-offer';

type Of<T extends string, D extends object> = DomainEvent<
  T,
  D & { requestId: string; advocateId: string; engagementId: string }
>;

export type SlotsOffered = Of<
  'SlotsOffered',
  {
    offerNo: number;
    timeZone: string;
    durationMinutes: number;
    slots: TimeSlot[];
    offeredBy: string;
    offeredAt: Instant;
  }
>;
export type SlotPicked = Of<
  'SlotPicked',
  {
    offerNo: number;
    timeZone: string;
    startsAt: Instant;
    endsAt: Instant;
    /** The slot picked before, when this pick moves the call (history is kept). */
    rescheduledFrom?: Instant;
    pickedBy: string;
    pickedAt: Instant;
  }
>;
export type AttendanceConfirmed = Of<
  'AttendanceConfirmed',
  { party: AttendanceParty; confirmedBy: string; confirmedAt: Instant }
>;
export type ActivityMissed = Of<
  'ActivityMissed',
  {
    startsAt: Instant;
    endsAt: Instant;
    /** Who had confirmed (one side alone is no proof). */
    confirmedBy: AttendanceParty[];
    countsTowardFatigue: boolean;
    missedAt: Instant;
  }
>;

/** The scheduling events of a request. */
export type SchedulingEvent = SlotsOffered | SlotPicked | AttendanceConfirmed | ActivityMissed;

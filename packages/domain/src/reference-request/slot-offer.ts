import type { Instant } from '../shared/time';

/** At least this many slots make an offer: the prospect gets a real choice (UserEvidence's rule). */
export const MIN_SLOTS_PER_OFFER = 3;
/** At most this many slots in one offer. */
export const MAX_SLOTS_PER_OFFER = 10;

/** Who may vouch that a call took place. */
export const ATTENDANCE_PARTIES = ['ADVOCATE', 'REQUESTER', 'MEETING_PROVIDER'] as const;
export type AttendanceParty = (typeof ATTENDANCE_PARTIES)[number];

/** One time the advocate offers for the call. */
export interface TimeSlot {
  readonly startsAt: Instant;
  readonly endsAt: Instant;
}

/** One round of slots offered for a candidate (a reschedule adds a round; earlier ones stay in history). */
export interface SlotOffer {
  readonly offerNo: number;
  readonly timeZone: string;
  readonly durationMinutes: number;
  readonly slots: readonly TimeSlot[];
  readonly offeredBy: string;
  readonly offeredAt: Instant;
}

/** The slot the requester picked, from which offer. */
export interface PickedSlot extends TimeSlot {
  readonly offerNo: number;
  readonly timeZone: string;
  readonly pickedBy: string;
  readonly pickedAt: Instant;
}

/** A candidate's call: the offers, the pick, and who has confirmed it took place. */
export interface CandidateSchedule {
  readonly offers: readonly SlotOffer[];
  readonly picked?: PickedSlot;
  readonly confirmations: readonly AttendanceParty[];
}

/** Proof of attendance: the meeting provider's signal, or both the advocate and the requester. */
export function isAttendanceProven(confirmations: readonly AttendanceParty[]): boolean {
  return (
    confirmations.includes('MEETING_PROVIDER') ||
    (confirmations.includes('ADVOCATE') && confirmations.includes('REQUESTER'))
  );
}

/** Whether two slots share any moment. */
export function slotsOverlap(a: TimeSlot, b: TimeSlot): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

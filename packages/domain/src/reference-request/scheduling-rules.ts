import { hasRole } from '../shared/actor';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { invalidTransition } from '../shared/guards';
import { fromMillis, isBefore, toMillis, type Instant } from '../shared/time';
import { validated } from '../shared/validator';
import type { ReferenceRequestDecisionContext } from './reference-request-decision-context';
import type { ReferenceRequestEvent } from './reference-request-events';
import type { Candidate, ReferenceRequestState } from './reference-request-state';
import { requireCandidate, requireRequestStatus, WORKING } from './request-guards';
import type { ConfirmAttendance, MarkActivityMissed, OfferSlots, PickSlot } from './scheduling-commands';
import {
  ATTENDANCE_PARTIES,
  isAttendanceProven,
  MAX_SLOTS_PER_OFFER,
  MIN_SLOTS_PER_OFFER,
  slotsOverlap,
  type PickedSlot,
  type SlotOffer,
  type TimeSlot,
} from './slot-offer';

// Scheduling with proof: slots offered, one picked, attendance confirmed — or the call is missed.

/** Whether the runtime knows the IANA time zone (the invitation is written in it). */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function parseOfferSlots(d: OfferSlots['data'], context: ReferenceRequestDecisionContext) {
  return validated((v) => {
    const durationMinutes = v.integer('durationMinutes', d.durationMinutes, { min: 15, max: 480 });
    const timeZone = v.text('timeZone', d.timeZone, { max: 64 });
    if (timeZone !== '' && !isTimeZone(timeZone))
      v.fail('timeZone', 'must be an IANA time zone (e.g. Europe/Paris)');
    const list = Array.isArray(d.slots) ? d.slots : [];
    if (list.length < MIN_SLOTS_PER_OFFER || list.length > MAX_SLOTS_PER_OFFER)
      v.fail('slots', `must offer ${MIN_SLOTS_PER_OFFER} to ${MAX_SLOTS_PER_OFFER} slots`);
    const slots: TimeSlot[] = list.map((s, i) => {
      const startsAt = v.instant(`slots[${i}].startsAt`, (s as { startsAt?: unknown } | null)?.startsAt);
      v.order(`slots[${i}].startsAt`, context.now, startsAt, 'must be in the future');
      return { startsAt, endsAt: fromMillis(toMillis(startsAt) + durationMinutes * 60_000) };
    });
    const sorted = [...slots].sort((a, b) => (isBefore(a.startsAt, b.startsAt) ? -1 : 1));
    sorted.forEach((slot, i) => {
      const next = sorted[i + 1];
      if (next && slotsOverlap(slot, next)) v.fail('slots', `${slot.startsAt} and ${next.startsAt} overlap`);
    });
    return { advocateId: v.id('advocateId', d.advocateId), slots: sorted, durationMinutes, timeZone };
  });
}

/** The payload parsers of scheduling commands. */
export const schedulingParsers = {
  OfferSlots: parseOfferSlots,
  PickSlot: (d: PickSlot['data']) =>
    validated((v) => ({
      advocateId: v.id('advocateId', d.advocateId),
      startsAt: v.instant('startsAt', d.startsAt),
      fatigueOverrideReason: v.optionalText('fatigueOverrideReason', d.fatigueOverrideReason, { max: 1000 }),
    })),
  ConfirmAttendance: (d: ConfirmAttendance['data']) =>
    validated((v) => ({
      advocateId: v.id('advocateId', d.advocateId),
      party: v.oneOf('party', d.party, ATTENDANCE_PARTIES),
    })),
  MarkActivityMissed: (d: MarkActivityMissed['data']) =>
    validated((v) => ({
      advocateId: v.id('advocateId', d.advocateId),
      countsTowardFatigue: v.boolean('countsTowardFatigue', d.countsTowardFatigue),
    })),
};

type Input<K extends keyof typeof schedulingParsers> = ReturnType<(typeof schedulingParsers)[K]>;

const ids = (state: ReferenceRequestState, c: Candidate) => ({
  requestId: state.requestId,
  advocateId: c.advocateId,
  engagementId: c.engagementId ?? '',
});

/** The call's picked slot; refuses a command about a call nobody picked a time for. */
function requirePicked(c: Candidate, command: string): PickedSlot {
  const picked = c.schedule?.picked;
  if (!picked) throw invalidTransition('Candidate', c.advocateId, 'NOT_PICKED', command);
  return picked;
}

/** Offer (or re-offer, to reschedule) times for an advocate who accepted; a pick stays until a new one. */
function offerSlots(
  d: Input<'OfferSlots'>,
  state: ReferenceRequestState,
  context: ReferenceRequestDecisionContext,
): ReferenceRequestEvent[] {
  requireRequestStatus(state, WORKING, 'OfferSlots');
  const c = requireCandidate(state, d.advocateId, ['ACCEPTED', 'SCHEDULED'], 'OfferSlots');
  const offerNo = (c.schedule?.offers.length ?? 0) + 1;
  const { slots, durationMinutes, timeZone } = d;
  return [
    {
      type: 'SlotsOffered',
      data: {
        ...ids(state, c),
        offerNo,
        timeZone,
        durationMinutes,
        slots,
        offeredBy: context.actor.userId,
        offeredAt: context.now,
      },
    },
  ];
}

/** The offered slot starting at `startsAt` in the latest offer (older offers were replaced). */
function requireOffered(c: Candidate, startsAt: Instant): { offer: SlotOffer; slot: TimeSlot } {
  const offer = c.schedule?.offers.at(-1);
  const slot = offer?.slots.find((s) => s.startsAt === startsAt);
  if (!offer || !slot) {
    throw new DomainError(
      DomainErrorCode.SLOT_NOT_OFFERED,
      `No slot starting at ${startsAt} is offered for advocate ${c.advocateId}; pick one of the latest offer's slots.`,
      { advocateId: c.advocateId, startsAt, offered: offer?.slots.map((s) => s.startsAt) ?? [] },
    );
  }
  return { offer, slot };
}

/**
 * Only the request's requester picks (for their prospect). The advocate's consent and fatigue
 * gates hold at the picked time: the workflow schedules the engagement first.
 */
function pickSlot(
  d: Input<'PickSlot'>,
  state: ReferenceRequestState,
  context: ReferenceRequestDecisionContext,
): ReferenceRequestEvent[] {
  requireRequestStatus(state, WORKING, 'PickSlot');
  if (context.actor.userId !== state.requestedBy) {
    throw new DomainError(DomainErrorCode.FORBIDDEN, 'Only the requester picks a slot for their prospect.', {
      requestId: state.requestId,
    });
  }
  const c = requireCandidate(state, d.advocateId, ['ACCEPTED', 'SCHEDULED'], 'PickSlot');
  const { offer, slot } = requireOffered(c, d.startsAt);
  if (!isBefore(context.now, slot.startsAt))
    throw invalidTransition('Slot', slot.startsAt, 'PAST', 'PickSlot');
  const previous = c.schedule?.picked;
  if (previous?.startsAt === slot.startsAt)
    throw invalidTransition('Slot', slot.startsAt, 'PICKED', 'PickSlot');
  return [
    {
      type: 'SlotPicked',
      data: {
        ...ids(state, c),
        offerNo: offer.offerNo,
        timeZone: offer.timeZone,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        ...(previous ? { rescheduledFrom: previous.startsAt } : {}),
        pickedBy: context.actor.userId,
        pickedAt: context.now,
      },
    },
    { type: 'ActivityScheduled', data: { ...ids(state, c), at: slot.startsAt } },
  ];
}

/** Who may speak for each party: the requester for themself; the program for the advocate and the provider. */
function requireMaySpeakFor(
  party: Input<'ConfirmAttendance'>['party'],
  state: ReferenceRequestState,
  context: ReferenceRequestDecisionContext,
): void {
  const allowed =
    party === 'REQUESTER'
      ? context.actor.userId === state.requestedBy
      : hasRole(context.actor, 'PROGRAM_MANAGER');
  if (!allowed) {
    const who = party === 'REQUESTER' ? 'the requester' : 'a program manager';
    throw new DomainError(DomainErrorCode.FORBIDDEN, `Only ${who} confirms attendance as ${party}.`, {
      requestId: state.requestId,
      party,
    });
  }
}

/**
 * A party confirms the call took place (once each, after it began). With proof — both sides,
 * or the meeting provider — the activity is completed (the workflow records the use first).
 */
function confirmAttendance(
  d: Input<'ConfirmAttendance'>,
  state: ReferenceRequestState,
  context: ReferenceRequestDecisionContext,
): ReferenceRequestEvent[] {
  requireRequestStatus(state, WORKING, 'ConfirmAttendance');
  requireMaySpeakFor(d.party, state, context);
  const c = requireCandidate(state, d.advocateId, ['SCHEDULED'], 'ConfirmAttendance');
  const picked = requirePicked(c, 'ConfirmAttendance');
  if (isBefore(context.now, picked.startsAt))
    throw invalidTransition('Call', picked.startsAt, 'NOT_STARTED', 'ConfirmAttendance');
  const confirmations = c.schedule?.confirmations ?? [];
  if (confirmations.includes(d.party))
    throw invalidTransition('Attendance', d.party, 'CONFIRMED', 'ConfirmAttendance');
  const confirmed: ReferenceRequestEvent = {
    type: 'AttendanceConfirmed',
    data: { ...ids(state, c), party: d.party, confirmedBy: context.actor.userId, confirmedAt: context.now },
  };
  if (!isAttendanceProven([...confirmations, d.party])) return [confirmed];
  return [
    confirmed,
    { type: 'ActivityCompleted', data: { ...ids(state, c), completedAt: completionOf(picked, context.now) } },
  ];
}

/** A proven call took place at its end, or now if it is still going on. */
export function completionOf(picked: PickedSlot, now: Instant): Instant {
  return isBefore(now, picked.endsAt) ? now : picked.endsAt;
}

/** No proof after the call (the advocate's engagement was marked missed first, with the program's grace). */
function markActivityMissed(
  d: Input<'MarkActivityMissed'>,
  state: ReferenceRequestState,
  context: ReferenceRequestDecisionContext,
): ReferenceRequestEvent[] {
  requireRequestStatus(state, WORKING, 'MarkActivityMissed');
  const c = requireCandidate(state, d.advocateId, ['SCHEDULED'], 'MarkActivityMissed');
  const picked = requirePicked(c, 'MarkActivityMissed');
  if (isBefore(context.now, picked.endsAt))
    throw invalidTransition('Call', picked.startsAt, 'NOT_ENDED', 'MarkActivityMissed');
  return [
    {
      type: 'ActivityMissed',
      data: {
        ...ids(state, c),
        startsAt: picked.startsAt,
        endsAt: picked.endsAt,
        confirmedBy: [...(c.schedule?.confirmations ?? [])],
        countsTowardFatigue: d.countsTowardFatigue,
        missedAt: context.now,
      },
    },
  ];
}

/** The rules of scheduling, one per command. */
export const schedulingRules = {
  OfferSlots: offerSlots,
  PickSlot: pickSlot,
  ConfirmAttendance: confirmAttendance,
  MarkActivityMissed: markActivityMissed,
};

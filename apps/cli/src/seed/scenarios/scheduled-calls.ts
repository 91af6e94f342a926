import { engagementIdFor, streamIdOf } from '@vouch/application';
import { addDays } from '@vouch/domain';
import { advocateOf, type DemoWorld, isEvent, later, pm, type RequestModel, soon } from '../demo-world';
import { recordOutcome } from './request-endings';

const TIME_ZONES = ['Europe/Berlin', 'Europe/London', 'America/New_York', 'Asia/Singapore'] as const;

/** Three afternoon slots from two days out, as the advocate offers them (15:00 UTC, 30 minutes). */
function slotsFrom(world: DemoWorld): string[] {
  const day = world.clock.now().slice(0, 10);
  return [2, 3, 4].map((n) => addDays(`${day}T15:00:00.000Z`, n));
}

/**
 * A reference call scheduled with proof: the program offers three slots for the advocate, the
 * requester picks one (the consent and fatigue gates hold at that time), and after the call
 * both sides or the meeting provider confirm it — or nobody does and due work marks it MISSED.
 */
export async function scheduleCall(
  world: DemoWorld,
  request: RequestModel,
  advocateId: string,
): Promise<void> {
  if (!request.open || request.candidates.get(advocateId) !== 'ACCEPTED') return;
  const slots = slotsFrom(world);
  soon(world);
  const offered = await world.run.try(pm(world), {
    type: 'OfferSlots',
    aggregateId: request.id,
    data: {
      advocateId,
      slots: slots.map((startsAt) => ({ startsAt })),
      durationMinutes: 30,
      timeZone: world.rng.pick(TIME_ZONES),
    },
  });
  if (!offered) return;
  const choice = world.rng.int(0, 2);
  soon(world);
  const picked = await world.run.try(request.requester, {
    type: 'PickSlot',
    aggregateId: request.id,
    data: { advocateId, startsAt: slots[choice]! },
  });
  if (!picked) return;
  request.candidates.set(advocateId, 'SCHEDULED');
  later(world, choice + 3, () => attend(world, request, advocateId));
}

/** After the call: proof from both sides (most), the meeting provider, or a no-show left to due work. */
async function attend(world: DemoWorld, request: RequestModel, advocateId: string): Promise<void> {
  if (!request.open || request.candidates.get(advocateId) !== 'SCHEDULED') return;
  const advocate = advocateOf(world, advocateId);
  const confirm = (party: 'ADVOCATE' | 'REQUESTER' | 'MEETING_PROVIDER') => {
    soon(world);
    return world.run.try(party === 'REQUESTER' ? request.requester : pm(world), {
      type: 'ConfirmAttendance',
      aggregateId: request.id,
      data: { advocateId, party },
    });
  };
  const roll = world.rng.next();
  if (roll < 0.2) {
    // A no-show: the requester says the advocate never joined; nobody else confirms. Due work marks it MISSED.
    await confirm('REQUESTER');
    request.candidates.set(advocateId, 'GONE');
    advocate?.pending.delete(engagementIdFor(request.id, advocateId));
    world.noShows.set(engagementIdFor(request.id, advocateId), {
      requestId: request.id,
      advocateId,
      day: world.today,
    });
    return;
  }
  const done =
    roll < 0.35
      ? await confirm('MEETING_PROVIDER')
      : (await confirm('REQUESTER')) && (await confirm('ADVOCATE'));
  if (!done) return;
  request.candidates.set(advocateId, 'COMPLETED');
  if (advocate) {
    advocate.pending.delete(engagementIdFor(request.id, advocateId));
    advocate.completed += 1;
  }
  const fulfilled = [...request.candidates.values()].filter((s) => s === 'COMPLETED').length;
  if (fulfilled >= request.needed && request.amount > 0 && !request.outcomePlanned) {
    request.outcomePlanned = true;
    later(world, world.rng.int(10, 60), () => recordOutcome(world, request));
  }
}

/** How long a no-show is watched for due work's mark (its grace period is a few days). */
const NO_SHOW_WATCH_DAYS = 30;

/**
 * After the due work: waits for the process manager to mirror every engagement the due
 * work just marked missed onto its request (`ActivityMissed`). The mirror's time is the
 * clock's when it runs, so without this wait it depended on how soon the process manager
 * ran against the seed's next steps (timing, not the seed); with it, it is the due work's.
 */
export async function awaitMissedMirrors(world: DemoWorld): Promise<void> {
  for (const [engagementId, noShow] of world.noShows) {
    const marked = await world.store.readStream(world.tenantId, streamIdOf('Advocate', noShow.advocateId), {
      direction: 'backwards',
      limit: 25,
    });
    if (marked.some(isEvent('EngagementMissed', 'engagementId', engagementId))) {
      await world.run.reaction(
        streamIdOf('ReferenceRequest', noShow.requestId),
        isEvent('ActivityMissed', 'engagementId', engagementId),
        'the request side of a missed engagement',
      );
      world.noShows.delete(engagementId);
    } else if (world.today - noShow.day > NO_SHOW_WATCH_DAYS) {
      world.noShows.delete(engagementId);
    }
  }
}

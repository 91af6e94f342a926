import { engagementIdFor, streamIdOf } from '@vouch/application';
import { isBefore } from '@vouch/domain';
import { advocateOf, type DemoWorld, isEvent, type RequestModel, soon } from '../demo-world';

/** Waits for the process manager to give back the reservations of a closed request. */
export async function awaitReleases(world: DemoWorld, request: RequestModel): Promise<void> {
  request.open = false;
  for (const [id, step] of request.candidates) {
    if (step !== 'ASKED' && step !== 'ACCEPTED' && step !== 'SCHEDULED') continue;
    const engagementId = engagementIdFor(request.id, id);
    await world.run.reaction(
      streamIdOf('Advocate', id),
      isEvent('EngagementReleased', 'engagementId', engagementId),
      'the release of a closed request’s engagements',
    );
    advocateOf(world, id)?.pending.delete(engagementId);
    request.candidates.set(id, 'GONE');
  }
}

/** The requester cancels; the process manager gives the reservations back. */
export async function cancelRequest(world: DemoWorld, request: RequestModel, reason: string): Promise<void> {
  soon(world);
  await world.run.run(request.requester, {
    type: 'CancelRequest',
    aggregateId: request.id,
    data: { reason },
  });
  await awaitReleases(world, request);
}

/**
 * Requests the due work lapsed this morning (it has finished when `processDueWork` returns,
 * at the same instant). The due work tries a lapse once, on its first run at or after the
 * due date, and forgets it whether it lapsed or was refused: a request looked at once past
 * its due date is settled, so the seed reads each request's tail once, not every day.
 */
export async function settleLapses(world: DemoWorld): Promise<void> {
  for (const request of world.requests) {
    if (!request.open || request.lapseSettled || isBefore(world.clock.now(), request.dueBy)) continue;
    request.lapseSettled = true;
    const tail = await world.store.readStream(world.tenantId, streamIdOf('ReferenceRequest', request.id), {
      direction: 'backwards',
      limit: 10,
    });
    if (tail.some((e) => e.type === 'RequestLapsed')) await awaitReleases(world, request);
  }
}

/** The requester records the deal's outcome. */
export async function recordOutcome(world: DemoWorld, request: RequestModel): Promise<void> {
  const result = world.rng.weighted([
    ['WON', 55],
    ['LOST', 35],
    ['NO_DECISION', 10],
  ] as const);
  soon(world);
  await world.run.run(request.requester, {
    type: 'RecordOutcome',
    aggregateId: request.id,
    data: {
      result,
      ...(result === 'WON' ? { amount: { amount: request.amount, currency: 'USD' } } : {}),
      note:
        result === 'WON'
          ? 'The reference call settled the security question.'
          : result === 'LOST'
            ? 'Lost on price; the reference went well.'
            : 'Budget frozen.',
    },
  });
}

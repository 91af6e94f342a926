import { engagementIdFor, streamIdOf } from '@vouch/application';
import { addDays } from '@vouch/domain';
import { CONTENT_KINDS } from '../demo-rules';
import { advocateOf, type DemoWorld, later, owner, pm, type RequestModel, soon } from '../demo-world';
import { cancelRequest, recordOutcome } from './request-endings';
import { shortlist } from './requests';
import { publishStory, reward } from './rewards-and-stories';
import { scheduleCall } from './scheduled-calls';

/** The owner declines or approves asking a shortlisted advocate (or a program manager overrides). */
export async function clearAsk(
  world: DemoWorld,
  request: RequestModel,
  advocateId: string,
  ownerId: string,
): Promise<void> {
  if (!request.open || request.candidates.get(advocateId) !== 'SHORTLISTED') return;
  soon(world);
  const roll = world.rng.next();
  if (roll < 0.08) {
    await world.run.run(owner(world, ownerId), {
      type: 'DeclineAsk',
      aggregateId: request.id,
      data: { advocateId, reason: 'Renewal negotiation in progress; not the moment to ask.' },
    });
    request.candidates.set(advocateId, 'GONE');
    if (request.shortlists < 2) later(world, 1, () => shortlist(world, request));
    return;
  }
  if (roll < 0.18) {
    await world.run.run(pm(world), {
      type: 'OverrideOwnerApproval',
      aggregateId: request.id,
      data: { advocateId, reason: 'Owner on leave; cleared with the CSM of the account.' },
    });
  } else {
    await world.run.run(owner(world, ownerId), {
      type: 'ApproveAsk',
      aggregateId: request.id,
      data: { advocateId, note: 'Relationship is strong; go ahead.' },
    });
  }
  request.candidates.set(advocateId, 'CLEARED');
  later(world, world.rng.int(1, 2), () => ask(world, request, advocateId));
}

/** Asks a cleared candidate; when the gates refuse, releases them and shortlists again. */
export async function ask(world: DemoWorld, request: RequestModel, advocateId: string): Promise<void> {
  if (!request.open || request.candidates.get(advocateId) !== 'CLEARED') return;
  soon(world);
  const lead = pm(world);
  // An advocate erased since they were cleared is not asked: a program manager sees the erasure first.
  const erased = advocateOf(world, advocateId)?.status === 'ERASED';
  const asked = erased
    ? undefined
    : await world.run.try(lead, {
        type: 'AskAdvocate',
        aggregateId: request.id,
        data: { advocateId, engagementId: engagementIdFor(request.id, advocateId) },
      });
  if (!asked) {
    // The gates said no (fatigue, consent, status): release the candidate and move on.
    await world.run.run(lead, {
      type: 'ReleaseCandidate',
      aggregateId: request.id,
      data: { advocateId, reason: 'ADVOCATE_UNAVAILABLE' },
    });
    request.candidates.set(advocateId, 'GONE');
    if (request.shortlists < 2) later(world, 1, () => shortlist(world, request));
    return;
  }
  request.candidates.set(advocateId, 'ASKED');
  advocateOf(world, advocateId)?.pending.set(engagementIdFor(request.id, advocateId), {
    requestId: request.id,
    kind: request.kind,
  });
  later(world, world.rng.int(1, 4), () => respond(world, request, advocateId));
}

/** Records the advocate's answer and waits for the advocate side of it. */
export async function respond(world: DemoWorld, request: RequestModel, advocateId: string): Promise<void> {
  if (!request.open || request.candidates.get(advocateId) !== 'ASKED') return;
  const accepted = world.rng.chance(0.85);
  const engagementId = engagementIdFor(request.id, advocateId);
  soon(world);
  await world.run.run(pm(world), {
    type: 'RecordAdvocateResponse',
    aggregateId: request.id,
    data: { advocateId, accepted, ...(accepted ? {} : { reason: 'Too busy this quarter.' }) },
  });
  await world.run.reaction(
    streamIdOf('Advocate', advocateId),
    (e) =>
      (e.type === 'EngagementAccepted' || e.type === 'EngagementReleased') &&
      (e.data as { engagementId?: string }).engagementId === engagementId,
    'the advocate side of the response',
  );
  if (!accepted) {
    advocateOf(world, advocateId)?.pending.delete(engagementId);
    request.candidates.set(advocateId, 'GONE');
    if (request.shortlists < 2) later(world, 1, () => shortlist(world, request));
    return;
  }
  request.candidates.set(advocateId, 'ACCEPTED');
  // Most reference calls are scheduled with proof (slots, a pick, attendance); other activities on a date.
  const withProof = request.kind === 'REFERENCE_CALL' && world.rng.chance(0.6);
  later(world, world.rng.int(1, 3), () =>
    withProof ? scheduleCall(world, request, advocateId) : schedule(world, request, advocateId),
  );
}

/** Schedules the activity of an accepted candidate a few days out. */
export async function schedule(world: DemoWorld, request: RequestModel, advocateId: string): Promise<void> {
  if (!request.open || request.candidates.get(advocateId) !== 'ACCEPTED') return;
  const days = world.rng.int(2, 8);
  soon(world);
  const scheduled = await world.run.try(pm(world), {
    type: 'ScheduleActivity',
    aggregateId: request.id,
    data: { advocateId, at: addDays(world.clock.now(), days) },
  });
  if (!scheduled) return;
  request.candidates.set(advocateId, 'SCHEDULED');
  later(world, days, () => complete(world, request, advocateId));
}

/** Completes the activity (or the deal slips); plans feedback, a reward, a story and the outcome. */
export async function complete(world: DemoWorld, request: RequestModel, advocateId: string): Promise<void> {
  if (!request.open || request.candidates.get(advocateId) !== 'SCHEDULED') return;
  const advocate = advocateOf(world, advocateId);
  if (world.rng.chance(0.05)) {
    await cancelRequest(world, request, 'Deal slipped to next quarter; the buyer paused the evaluation.');
    return;
  }
  soon(world);
  const completed = await world.run.try(pm(world), {
    type: 'CompleteActivity',
    aggregateId: request.id,
    data: { advocateId },
  });
  if (!completed) {
    await cancelRequest(world, request, 'The advocate’s consent lapsed before the call; we will ask again.');
    return;
  }
  request.candidates.set(advocateId, 'COMPLETED');
  if (advocate) {
    advocate.pending.delete(engagementIdFor(request.id, advocateId));
    advocate.completed += 1;
  }
  later(world, world.rng.int(1, 3), async () => {
    // Feedback names the advocate: none is recorded about someone erased meanwhile.
    if (advocate?.status === 'ERASED') return;
    soon(world);
    await world.run.run(request.requester, {
      type: 'RecordRequestFeedback',
      aggregateId: request.id,
      data: { advocateId, rating: world.rng.int(3, 5), comment: 'Spoke with conviction about the rollout.' },
    });
    // The rating reaches the engagement by a process manager: wait for it, so the history stays the same.
    const engagementId = engagementIdFor(request.id, advocateId);
    await world.run.reaction(
      streamIdOf('Advocate', advocateId),
      (e) => e.type === 'EngagementFeedbackRecorded' && e.data.engagementId === engagementId,
      'the mirrored requester feedback',
    );
  });
  if (advocate && world.rng.chance(0.35)) later(world, world.rng.int(2, 10), () => reward(world, advocate));
  if (advocate && CONTENT_KINDS.has(request.kind))
    later(world, world.rng.int(5, 15), () => publishStory(world, advocate, request));
  const fulfilled = [...request.candidates.values()].filter((s) => s === 'COMPLETED').length;
  if (fulfilled >= request.needed && request.amount > 0 && !request.outcomePlanned) {
    request.outcomePlanned = true;
    later(world, world.rng.int(10, 60), () => recordOutcome(world, request));
  }
}

import { addDays } from '@vouch/domain';
import { type DemoWorld, later, pm, soon } from '../demo-world';

/** Strategic asks outside the request flow: the fatigue gate refuses, a program manager overrides on record. */
export async function strategicBriefing(world: DemoWorld): Promise<void> {
  const busiest = world.advocates
    .filter(
      (a) => a.status === 'ACTIVE' && a.consentLive && a.kinds.has('REFERENCE_CALL') && a.pending.size === 0,
    )
    .sort((a, b) => b.completed - a.completed || a.id.localeCompare(b.id))
    .slice(0, 5);
  if (busiest.length === 0) return;
  const advocate = world.rng.pick(busiest);
  world.counters.directs += 1;
  const engagementId = `briefing-${world.counters.directs}`;
  const data = {
    engagementId,
    kind: 'REFERENCE_CALL' as const,
    territory: advocate.territory === 'GLOBAL' ? advocate.account.region : advocate.territory,
    channel: 'PRIVATE' as const,
    activityAt: addDays(world.clock.now(), 3),
    ownerClearance: { kind: 'OWNER' as const, by: advocate.account.ownerId },
  };
  const lead = pm(world);
  soon(world);
  let reserved = await world.run.try(lead, { type: 'ReserveEngagement', aggregateId: advocate.id, data });
  let overridden = false;
  if (!reserved && world.rng.chance(0.6)) {
    reserved = await world.run.try(lead, {
      type: 'ReserveEngagement',
      aggregateId: advocate.id,
      data: {
        ...data,
        fatigueOverrideReason:
          'CRO-sponsored briefing for a strategic deal; the advocate agreed to one more call.',
      },
    });
    overridden = reserved !== undefined;
  }
  if (!reserved) return;
  advocate.pending.set(engagementId, { kind: 'REFERENCE_CALL' });
  await world.run.run(lead, { type: 'AcceptEngagement', aggregateId: advocate.id, data: { engagementId } });
  await world.run.try(lead, {
    type: 'ScheduleEngagement',
    aggregateId: advocate.id,
    data: {
      engagementId,
      at: data.activityAt,
      ...(overridden ? { fatigueOverrideReason: 'Same strategic briefing as reserved.' } : {}),
    },
  });
  later(world, 3, async () => {
    if (!advocate.pending.has(engagementId)) return;
    soon(world);
    await world.run.run(lead, {
      type: 'CompleteEngagement',
      aggregateId: advocate.id,
      data: { engagementId },
    });
    advocate.pending.delete(engagementId);
    advocate.completed += 1;
  });
}

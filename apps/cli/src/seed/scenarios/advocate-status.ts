import { addDays } from '@vouch/domain';
import { type AdvocateModel, type DemoWorld, later, owner, pm, soon, workable } from '../demo-world';

/** The owner rests an idle advocate for a few weeks; a program manager reactivates them after. */
export async function restAdvocate(world: DemoWorld, advocate: AdvocateModel): Promise<void> {
  if (advocate.status !== 'ACTIVE' || advocate.pending.size > 0) return;
  const days = world.rng.int(30, 90);
  soon(world);
  await world.run.run(owner(world, advocate.account.ownerId), {
    type: 'RestAdvocate',
    aggregateId: advocate.id,
    data: { until: addDays(world.clock.now(), days), reason: 'Busy with a system migration this quarter.' },
  });
  advocate.status = 'RESTING';
  later(world, days + 1, async () => {
    if (advocate.status !== 'RESTING') return;
    soon(world);
    await world.run.run(pm(world), { type: 'ReactivateAdvocate', aggregateId: advocate.id, data: {} });
    advocate.status = 'ACTIVE';
  });
}

/** A program manager retires an idle advocate who left the customer. */
export async function retireAdvocate(world: DemoWorld, advocate: AdvocateModel): Promise<void> {
  if (advocate.status !== 'ACTIVE' || advocate.pending.size > 0) return;
  soon(world);
  await world.run.run(pm(world), {
    type: 'RetireAdvocate',
    aggregateId: advocate.id,
    data: { reason: 'Left the customer for another company.' },
  });
  advocate.status = 'RETIRED';
}

/** The owner marks an idle advocate do-not-contact after an escalation. */
export async function doNotContact(world: DemoWorld, advocate: AdvocateModel): Promise<void> {
  if (advocate.status !== 'ACTIVE' || advocate.pending.size > 0) return;
  soon(world);
  await world.run.run(owner(world, advocate.account.ownerId), {
    type: 'MarkDoNotContact',
    aggregateId: advocate.id,
    data: { reason: 'Escalated support case: the account team asked to pause all asks.' },
  });
  advocate.status = 'DO_NOT_CONTACT';
}

/** Monthly: asks owners to verify a few profiles; most answer, the rest go stale. */
export async function verifyProfiles(world: DemoWorld): Promise<void> {
  const due = world.advocates.filter((a) => a.status === 'ACTIVE' && world.rng.chance(0.08));
  for (const advocate of due) {
    world.counters.verifications += 1;
    const verificationId = `ver-${world.counters.verifications}`;
    soon(world);
    await world.run.run(pm(world), {
      type: 'RequestProfileVerification',
      aggregateId: advocate.id,
      data: { verificationId, askedOf: advocate.account.ownerId, dueBy: addDays(world.clock.now(), 14) },
    });
    // Most owners answer; the rest lapse and the profile goes stale.
    if (world.rng.chance(0.7)) {
      later(world, world.rng.int(1, 12), async () => {
        if (!workable(advocate)) return;
        soon(world);
        await world.run.run(owner(world, advocate.account.ownerId), {
          type: 'VerifyProfile',
          aggregateId: advocate.id,
          data: { verificationId, note: 'Checked title and products with the customer.' },
        });
      });
    }
  }
}

import { engagementIdFor } from '@vouch/application';
import { addDays } from '@vouch/domain';
import { advocateOf, owner, pm, sha256, type DemoWorld } from '../demo-world';

// Issue 16 in the demo: the program turns on automatic suppression; one account's renewal
// window opens and passes (suppressed, then lifted by due work alone), another renews early
// (lifted when the date moves), a third has an escalation open for two weeks; and after
// completed activities the advocate gives their side of the feedback. Choices come from
// hashes, not the world's PRNG, so the other scenarios draw the same numbers as before.

const POLICY_DAY = 1;
const RENEWALS_DAY = 90;
const EARLY_RENEWAL_DAY = 120;
const ESCALATION_DAY = 240;
const ESCALATION_DAYS = 14;
/** At most this many advocate-side feedbacks a day: enough to show, cheap to seed. */
const FEEDBACK_PER_DAY = 3;

const given = new WeakMap<DemoWorld, Set<string>>();

/** Today's steps of the suppression and two-sided feedback story. */
export async function suppressionAndFeedback(world: DemoWorld): Promise<void> {
  const today = world.today;
  if (today === POLICY_DAY) {
    await world.run.run(pm(world), {
      type: 'SetSuppressionPolicy',
      data: { renewalWithinDays: 60, openEscalation: true },
    });
  }
  const [first, second, third] = world.accounts;
  if (today === RENEWALS_DAY && first && second) {
    // The window of the first opens on day 130 and the renewal passes on day 190: due work
    // suppresses and lifts it. The second is suppressed at once (renewal in 45 days) ...
    await world.run.run(owner(world, first.ownerId), {
      type: 'SetAccountRenewal',
      aggregateId: first.id,
      data: { renewalAt: addDays(world.clock.now(), 100) },
    });
    await world.run.run(owner(world, second.ownerId), {
      type: 'SetAccountRenewal',
      aggregateId: second.id,
      data: { renewalAt: addDays(world.clock.now(), 45) },
    });
  }
  if (today === EARLY_RENEWAL_DAY && second) {
    // ... until it renews early for a year: lifted because the date moved.
    await world.run.run(owner(world, second.ownerId), {
      type: 'SetAccountRenewal',
      aggregateId: second.id,
      data: { renewalAt: addDays(world.clock.now(), 365) },
    });
  }
  if (third && (today === ESCALATION_DAY || today === ESCALATION_DAY + ESCALATION_DAYS)) {
    const opening = today === ESCALATION_DAY;
    await world.run.run(owner(world, third.ownerId), {
      type: opening ? 'OpenAccountEscalation' : 'CloseAccountEscalation',
      aggregateId: third.id,
      data: opening
        ? {
            escalationId: `${third.id}-esc-1`,
            summary: 'Sync outage after the upgrade; exec sponsor involved.',
          }
        : { escalationId: `${third.id}-esc-1`, resolution: 'Hotfix shipped; root-cause review shared.' },
    });
  }
  await advocatesSide(world);
}

/** The advocate's side of the feedback on activities completed since yesterday, through their account owner. */
async function advocatesSide(world: DemoWorld): Promise<void> {
  const done = given.get(world) ?? new Set<string>();
  given.set(world, done);
  let today = 0;
  for (const request of world.requests) {
    for (const [advocateId, step] of request.candidates) {
      if (today >= FEEDBACK_PER_DAY) return;
      // Every candidate of every request is looked at each day: the id is built only when needed.
      if (step !== 'COMPLETED') continue;
      const engagementId = engagementIdFor(request.id, advocateId);
      if (done.has(engagementId)) continue;
      const advocate = advocateOf(world, advocateId);
      done.add(engagementId);
      // Feedback names the advocate: none about someone erased.
      if (!advocate || advocate.status === 'ERASED') continue;
      const roll = parseInt(sha256(engagementId).slice(0, 8), 16);
      await world.run.run(owner(world, advocate.account.ownerId), {
        type: 'RecordAdvocateFeedback',
        aggregateId: advocateId,
        data: {
          engagementId,
          rating: 3 + (roll % 3),
          // One ask in five was outside what the advocate speaks on.
          topicFit: roll % 5 === 0 ? 2 : 4 + (roll % 2),
          comment:
            roll % 5 === 0 ? 'Most questions were about a module we do not use.' : 'Good conversation.',
        },
      });
      today++;
    }
  }
}

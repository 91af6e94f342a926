import { streamIdOf } from '@vouch/application';
import { addDays } from '@vouch/domain';
import { REQUESTERS } from '../demo-catalogue';
import { CHANNEL_OF } from '../demo-rules';
import {
  type AdvocateModel,
  type DemoWorld,
  isEvent,
  later,
  owner,
  pm,
  principal,
  sha256,
  soon,
} from '../demo-world';

// Request modes (issue 16): the program lets reps self-serve reference calls from the owners'
// pre-approved pool and auto-completes content use; a rep tries outside the pool and is told
// no; a capped quote is used up and the next use is refused.

const freeCaller = (a: AdvocateModel) =>
  a.status === 'ACTIVE' && a.consentLive && a.kinds.has('REFERENCE_CALL') && a.pending.size === 0;

/** Sets the modes, fills the pool, lets reps self-serve and use a capped quote. */
export async function requestModes(world: DemoWorld): Promise<void> {
  const lead = pm(world);
  soon(world);
  await world.run.run(lead, {
    type: 'SetRequestModePolicy',
    data: {
      defaultMode: 'OWNER_APPROVED',
      kindModes: [
        { kind: 'REFERENCE_CALL', mode: 'SELF_SERVE' },
        { kind: 'QUOTE', mode: 'AUTO_COMPLETE' },
        { kind: 'CASE_STUDY', mode: 'AUTO_COMPLETE' },
      ],
    },
  });
  const callers = world.advocates.filter(freeCaller).sort((a, b) => a.id.localeCompare(b.id));
  const pooled = callers.slice(0, 3);
  for (const advocate of pooled) await preApprove(world, advocate);
  for (const advocate of pooled) await selfServe(world, advocate);
  // A rep reaches for someone outside the pool: the owner's gate still holds.
  const outsider = callers.find((a) => !pooled.includes(a));
  if (outsider) await selfServe(world, outsider);
  await cappedQuote(world);
}

async function preApprove(world: DemoWorld, advocate: AdvocateModel): Promise<void> {
  soon(world);
  await world.run.run(owner(world, advocate.account.ownerId), {
    type: 'PreApproveSelfServe',
    aggregateId: advocate.id,
    data: {
      preApprovalId: `pool-${advocate.id}`,
      kinds: ['REFERENCE_CALL'],
      validUntil: addDays(world.clock.now(), 60),
    },
  });
}

/** A sales rep's own request, answered from the pool: no per-ask approval, consent and fatigue hold. */
async function selfServe(world: DemoWorld, advocate: AdvocateModel): Promise<void> {
  const requestId = `req-self-${advocate.id}`;
  const rep = principal(world.tenantId, world.rng.pick(REQUESTERS.SALES), 'REQUESTER');
  const territory = advocate.territory === 'GLOBAL' ? advocate.account.region : advocate.territory;
  soon(world);
  await world.run.run(rep, {
    type: 'SubmitReferenceRequest',
    data: {
      requestId,
      department: 'SALES',
      kind: 'REFERENCE_CALL',
      advocatesNeeded: 1,
      opportunity: {
        opportunityId: `opp-${requestId}`,
        stage: 'EVALUATION',
        amount: { amount: world.rng.int(20, 200) * 1000, currency: 'USD' },
        industry: advocate.account.industry,
        region: advocate.account.region,
        products: advocate.account.products.slice(0, 1),
      },
      criteria: { territory, channel: CHANNEL_OF.REFERENCE_CALL },
      dueBy: addDays(world.clock.now(), 21),
    },
  });
  soon(world);
  const taken = await world.run.try(rep, {
    type: 'TakeFromSelfServePool',
    aggregateId: requestId,
    data: { advocateId: advocate.id },
  });
  if (!taken) return;
  const engagementId = `${requestId}.${advocate.id}`;
  advocate.pending.set(engagementId, { requestId, kind: 'REFERENCE_CALL' });
  const lead = pm(world);
  later(world, 1, async () => {
    soon(world);
    await world.run.run(lead, {
      type: 'RecordAdvocateResponse',
      aggregateId: requestId,
      data: { advocateId: advocate.id, accepted: true },
    });
    await world.run.reaction(
      streamIdOf('Advocate', advocate.id),
      isEvent('EngagementAccepted', 'engagementId', engagementId),
      'the advocate side of the self-serve acceptance',
    );
    const at = addDays(world.clock.now(), 3);
    const scheduled = await world.run.try(lead, {
      type: 'ScheduleActivity',
      aggregateId: requestId,
      data: { advocateId: advocate.id, at },
    });
    if (!scheduled) return;
    later(world, 3, async () => {
      if (!advocate.pending.has(engagementId)) return;
      soon(world);
      const done = await world.run.try(lead, {
        type: 'CompleteActivity',
        aggregateId: requestId,
        data: { advocateId: advocate.id },
      });
      if (!done) return;
      advocate.pending.delete(engagementId);
      advocate.completed += 1;
    });
  });
}

/** A quote capped at two uses, used by a marketer's own request until the cap refuses a third. */
async function cappedQuote(world: DemoWorld): Promise<void> {
  const advocate = world.advocates
    .filter((a) => a.status === 'ACTIVE' && a.consentLive && a.kinds.has('QUOTE'))
    .sort((a, b) => a.id.localeCompare(b.id))[0];
  if (!advocate) return;
  world.counters.contents += 1;
  const contentId = `content-${world.counters.contents}`;
  const territory = advocate.territory === 'GLOBAL' ? advocate.account.region : advocate.territory;
  const lead = pm(world);
  soon(world);
  await world.run.run(lead, {
    type: 'DraftContent',
    data: {
      contentId,
      kind: 'QUOTE',
      title: `${advocate.account.name}: planning in minutes`,
      accountId: advocate.account.id,
      holders: [{ holder: 'ADVOCATE', holderId: advocate.id }],
      territory,
      channel: CHANNEL_OF.QUOTE,
    },
  });
  await world.run.run(lead, {
    type: 'ApproveContent',
    aggregateId: contentId,
    data: { evidence: `Customer sign-off ${sha256(contentId).slice(0, 8)}` },
  });
  const published = await world.run.try(lead, {
    type: 'PublishContent',
    aggregateId: contentId,
    data: { maxUses: 2, expiresAt: addDays(world.clock.now(), 90) },
  });
  if (!published) return;
  advocate.content.set(contentId, 'QUOTE');
  const marketer = principal(world.tenantId, world.rng.pick(REQUESTERS.MARKETING), 'REQUESTER');
  const requestId = `req-quote-${contentId}`;
  await world.run.run(marketer, {
    type: 'SubmitReferenceRequest',
    data: {
      requestId,
      department: 'MARKETING',
      kind: 'QUOTE',
      advocatesNeeded: 1,
      opportunity: {
        opportunityId: `opp-${requestId}`,
        stage: 'DISCOVERY',
        amount: { amount: 0, currency: 'USD' },
        industry: advocate.account.industry,
        region: advocate.account.region,
        products: advocate.account.products.slice(0, 1),
      },
      criteria: { territory, channel: CHANNEL_OF.QUOTE },
      dueBy: addDays(world.clock.now(), 30),
    },
  });
  for (const where of ['Q3 campaign landing page', 'Analyst day deck', 'Partner newsletter']) {
    soon(world);
    await world.run.try(marketer, { type: 'UseContent', aggregateId: contentId, data: { where, requestId } });
  }
}

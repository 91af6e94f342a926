import { type RewardKind, yearOf } from '@vouch/domain';
import { CHANNEL_OF } from '../demo-rules';
import {
  type AdvocateModel,
  type DemoWorld,
  later,
  pm,
  type RequestModel,
  sha256,
  soon,
  workable,
} from '../demo-world';

/** Thanks an advocate with a reward; one above the cap is approved on record. */
export async function reward(world: DemoWorld, advocate: AdvocateModel): Promise<void> {
  if (!workable(advocate)) return;
  const [kind, value] = world.rng.weighted<readonly [RewardKind, number]>([
    [['EARLY_ACCESS', 0], 20],
    [['SPEAKING_SLOT', 0], 10],
    [['TRAINING', 150], 15],
    [['GIFT', world.rng.int(50, 200)], 25],
    [['CHARITY_DONATION', world.rng.int(100, 250)], 15],
    [['EVENT_PASS', 450], 15],
  ]);
  world.counters.rewards += 1;
  const data = {
    rewardId: `rwd-${world.counters.rewards}`,
    kind,
    description: `${kind.toLowerCase().replace('_', ' ')} as thanks for a reference`,
    value: { amount: value, currency: 'USD' },
    disclosure: 'Disclosed to the prospect and in the advocate’s record.',
  };
  soon(world);
  const granted = await world.run.try(pm(world), { type: 'GrantReward', aggregateId: advocate.id, data });
  // An event pass is above the per-reward cap: a program manager approves it, on record.
  if (!granted && value > 250) {
    await world.run.try(pm(world), {
      type: 'GrantReward',
      aggregateId: advocate.id,
      data: { ...data, overCapApprovalReason: 'Keynote speaker at our user conference.' },
    });
  }
  const year = yearOf(world.clock.now());
  advocate.rewardsByYear.set(year, (advocate.rewardsByYear.get(year) ?? 0) + value);
}

/** Drafts a customer story from a completed content request, approved and published later. */
export async function publishStory(
  world: DemoWorld,
  advocate: AdvocateModel,
  request: RequestModel,
): Promise<void> {
  if (!advocate.consentLive || !advocate.kinds.has(request.kind) || !workable(advocate)) return;
  world.counters.contents += 1;
  const contentId = `content-${world.counters.contents}`;
  const kind = request.kind as 'CASE_STUDY' | 'QUOTE' | 'VIDEO';
  soon(world);
  await world.run.run(pm(world), {
    type: 'DraftContent',
    data: {
      contentId,
      kind,
      title: `${advocate.account.name}: ${world.rng.pick(['faster close', 'one plan for every plant', 'audit-ready in weeks'])}`,
      accountId: advocate.account.id,
      holders: [{ holder: 'ADVOCATE', holderId: advocate.id }],
      territory: advocate.territory === 'GLOBAL' ? request.territory : advocate.territory,
      channel: CHANNEL_OF[kind],
    },
  });
  later(world, world.rng.int(3, 10), async () => {
    if (!advocate.consentLive || !advocate.kinds.has(kind)) return;
    soon(world);
    await world.run.run(pm(world), {
      type: 'ApproveContent',
      aggregateId: contentId,
      data: { evidence: `Customer sign-off ${sha256(contentId).slice(0, 8)}` },
    });
    const published = await world.run.try(pm(world), {
      type: 'PublishContent',
      aggregateId: contentId,
      data: { url: `https://example.com/stories/${contentId}` },
    });
    if (published) advocate.content.set(contentId, kind);
  });
}

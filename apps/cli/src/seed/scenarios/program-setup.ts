import {
  COMPANY_PREFIXES,
  COMPANY_SUFFIXES,
  INDUSTRIES,
  PRODUCTS,
  REGION_WEIGHTS,
  REQUESTERS,
  SEGMENT_WEIGHTS,
} from '../demo-catalogue';
import { type DemoWorld, principal } from '../demo-world';

/** Day 0: the program's policies and coverage targets. */
export async function setUpProgram(world: DemoWorld): Promise<void> {
  const lead = world.pms[0]!;
  await world.run.run(lead, {
    type: 'SetFatiguePolicy',
    data: { windowDays: 90, maxPerWindow: 3, maxPerKindPerWindow: { REFERENCE_CALL: 2 }, minRestDays: 14 },
  });
  await world.run.run(lead, {
    type: 'SetRequestSlaPolicy',
    data: { triageWithinHours: 24, fulfilWithinDays: 14 },
  });
  await world.run.run(lead, {
    type: 'SetRewardPolicy',
    data: { currency: 'USD', perRewardCap: 250, yearlyCapPerAdvocate: 1000 },
  });
  await world.run.run(lead, {
    type: 'SetFreshnessPolicy',
    data: { verifyEveryDays: 180, staleAfterDays: 365 },
  });
  await world.run.run(lead, { type: 'SetNominationPolicy', data: { minAccountHealth: 60 } });
  await world.run.run(lead, { type: 'SetRetentionPolicy', data: { retainRetiredAdvocateDays: 730 } });
  const cells = new Set<string>();
  while (cells.size < 24) {
    cells.add(
      `${world.rng.pick(INDUSTRIES)}|${world.rng.weighted(REGION_WEIGHTS)}|${world.rng.pick(PRODUCTS)}`,
    );
  }
  for (const cell of [...cells].sort()) {
    const [industry, region, product] = cell.split('|') as [string, string, string];
    await world.run.run(lead, {
      type: 'SetCoverageTarget',
      data: { industry, region, product, advocatesNeeded: world.rng.int(2, 8) },
    });
  }
}

/** A sales rep adds a logo the program lacks to the wishlist. */
export async function addWish(world: DemoWorld): Promise<void> {
  const industry = world.rng.pick(INDUSTRIES);
  const wishId = `wish-${world.wishes.length + 1}`;
  world.wishes.push(wishId);
  const rep = principal(world.tenantId, world.rng.pick(REQUESTERS.SALES), 'REQUESTER');
  await world.run.run(rep, {
    type: 'AddToWishlist',
    data: {
      wishId,
      accountName: `${world.rng.pick(COMPANY_PREFIXES)} ${world.rng.pick(COMPANY_SUFFIXES[industry])}`,
      industry,
      segment: world.rng.weighted(SEGMENT_WEIGHTS),
      region: world.rng.weighted(REGION_WEIGHTS),
      products: world.rng.sample(PRODUCTS, world.rng.int(1, 2)),
      reason: world.rng.pick([
        'Every deal in this vertical asks for a peer we cannot offer',
        'Lost two deals to a competitor with this logo',
        'Strategic account for next year’s growth plan',
      ]),
    },
  });
}

import { addDays } from '@vouch/domain';
import {
  ACCOUNT_OWNERS,
  COMPANY_PREFIXES,
  COMPANY_SUFFIXES,
  INDUSTRIES,
  PRODUCTS,
  REGION_WEIGHTS,
  SEGMENT_WEIGHTS,
} from '../demo-catalogue';
import { type AccountModel, type DemoWorld, later, owner, pm, sha256, soon } from '../demo-world';
import { nominate } from './nominations';

/** A new customer account: its health, perhaps a logo consent, and the nominations and health checks it will have. */
export async function registerAccount(world: DemoWorld, index: number): Promise<void> {
  const industry = world.rng.pick(INDUSTRIES);
  const segment = world.rng.weighted(SEGMENT_WEIGHTS);
  const account: AccountModel = {
    id: `acct-${index}`,
    name: `${COMPANY_PREFIXES[index % COMPANY_PREFIXES.length]} ${world.rng.pick(COMPANY_SUFFIXES[industry])} ${Math.floor(index / COMPANY_PREFIXES.length) + 1}`,
    industry,
    region: world.rng.weighted(REGION_WEIGHTS),
    segment,
    products: world.rng.sample(PRODUCTS, world.rng.int(1, 3)),
    ownerId: world.rng.pick(ACCOUNT_OWNERS),
    // A quarter of the customers are not happy: the nomination gate turns them away.
    health: world.rng.chance(0.25) ? world.rng.int(25, 58) : world.rng.int(62, 98),
  };
  world.accounts.push(account);
  const by = owner(world, account.ownerId);
  soon(world);
  await world.run.run(by, {
    type: 'RegisterAccount',
    data: {
      accountId: account.id,
      name: account.name,
      industry: account.industry,
      segment: account.segment,
      region: account.region,
      products: account.products,
      ownerId: account.ownerId,
    },
  });
  await recordHealth(world, account);
  if (world.rng.chance(0.4)) {
    soon(world);
    account.logoConsentId = `${account.id}-logo`;
    await world.run.run(pm(world), {
      type: 'GrantAccountConsent',
      aggregateId: account.id,
      data: {
        consentId: account.logoConsentId,
        kinds: ['LOGO'],
        territories: ['GLOBAL'],
        channels: ['WEB', 'PRINT', 'EVENT'],
        validFrom: world.clock.now(),
        validUntil: addDays(world.clock.now(), 730),
        collectionMethod: 'E_SIGNATURE',
        collectedAt: world.clock.now(),
        evidenceHash: sha256(`${account.id}-logo-agreement`),
        noticeVersion: 'logo-terms-2',
      },
    });
    later(world, world.rng.int(20, 200), () => publishLogo(world, account));
  }
  const nominations = world.rng.weighted([
    [3, 20],
    [4, 40],
    [5, 40],
  ] as const);
  for (let n = 0; n < nominations; n += 1)
    later(world, world.rng.int(3, 150), () => nominate(world, account));
  later(world, world.rng.int(60, 120), () => healthCheck(world, account));
}

/** The owner records the account's health as the seed's model has it. */
export async function recordHealth(world: DemoWorld, account: AccountModel): Promise<void> {
  soon(world);
  await world.run.run(owner(world, account.ownerId), {
    type: 'RecordAccountHealth',
    aggregateId: account.id,
    data: {
      healthScore: account.health,
      nps: Math.max(-100, Math.min(100, Math.round((account.health - 50) * 2))),
      csat: Math.min(100, account.health + world.rng.int(-5, 5)),
    },
  });
}

/** A quarterly health check: the score drifts, is recorded, and the next check is planned. */
export async function healthCheck(world: DemoWorld, account: AccountModel): Promise<void> {
  account.health = Math.max(10, Math.min(100, account.health + world.rng.int(-15, 12)));
  await recordHealth(world, account);
  later(world, world.rng.int(80, 120), () => healthCheck(world, account));
}

/** Drafts, approves and publishes the account's logo under its logo consent. */
export async function publishLogo(world: DemoWorld, account: AccountModel): Promise<void> {
  if (!account.logoConsentId) return;
  world.counters.contents += 1;
  const contentId = `logo-${account.id}`;
  soon(world);
  await world.run.run(pm(world), {
    type: 'DraftContent',
    data: {
      contentId,
      kind: 'LOGO',
      title: `${account.name} logo`,
      accountId: account.id,
      holders: [{ holder: 'ACCOUNT', holderId: account.id }],
      territory: 'GLOBAL',
      channel: 'WEB',
    },
  });
  await world.run.run(pm(world), {
    type: 'ApproveContent',
    aggregateId: contentId,
    data: { evidence: `Brand team sign-off ${sha256(contentId).slice(0, 8)}` },
  });
  await world.run.run(pm(world), {
    type: 'PublishContent',
    aggregateId: contentId,
    data: { url: `https://example.com/customers#${account.id}` },
  });
}

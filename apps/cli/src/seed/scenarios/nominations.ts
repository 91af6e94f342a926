import { streamIdOf } from '@vouch/application';
import { addDays } from '@vouch/domain';
import { FIRST_NAMES, LANGUAGES, LAST_NAMES, SENIORITY_WEIGHTS, TITLES, USE_CASES } from '../demo-catalogue';
import { CONSENT_LIKELIHOOD } from '../demo-rules';
import { type AccountModel, type AdvocateModel, type DemoWorld, later, owner, pm, soon } from '../demo-world';
import { grantConsent, planAdvocateLife } from './consents';

/** The owner nominates a contact; below the health threshold, a program manager sometimes overrides. */
export async function nominate(world: DemoWorld, account: AccountModel): Promise<void> {
  world.counters.nominations += 1;
  const nominationId = `nom-${world.counters.nominations}`;
  const candidateId = `adv-${world.counters.nominations}`;
  const seniority = world.rng.weighted(SENIORITY_WEIGHTS);
  const first = world.rng.pick(FIRST_NAMES);
  const last = world.rng.pick(LAST_NAMES);
  const products = world.rng.sample(account.products, world.rng.int(1, account.products.length));
  const data = {
    nominationId,
    accountId: account.id,
    candidateId,
    name: `${first} ${last}`,
    email: `${first}.${last}.${world.counters.nominations}@${account.id}.example`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, ''),
    phone: `+1 555 ${String(1000 + world.counters.nominations).padStart(4, '0')}`,
    title: world.rng.pick(TITLES[seniority]),
    seniority,
    products,
    useCases: world.rng.sample(
      products.flatMap((p) => USE_CASES[p]),
      2,
    ),
    languages: world.rng.sample(LANGUAGES[account.region], world.rng.int(1, 2)),
    topics: world.rng.sample(['ROI', 'implementation', 'change management', 'migration', 'security'], 2),
    evidenceKind: world.rng.pick([
      'NPS_PROMOTER',
      'HIGH_CSAT',
      'SUCCESS_STORY',
      'RENEWAL',
      'EXPANSION',
      'UNSOLICITED_PRAISE',
    ] as const),
    evidence: world.rng.pick([
      'Scored us 10 in the last NPS survey.',
      'Renewed early and expanded to a second business unit.',
      'Presented their results at our user group.',
      'Wrote to their CSM praising the rollout.',
    ]),
  };
  soon(world);
  const submitted = await world.run.try(owner(world, account.ownerId), { type: 'SubmitNomination', data });
  if (!submitted) {
    // Below the health threshold: now and then a program manager overrides, with the reason on record.
    if (world.rng.chance(0.35)) {
      later(world, world.rng.int(1, 5), async () => {
        soon(world);
        await world.run.run(pm(world), {
          type: 'SubmitNomination',
          data: {
            ...data,
            healthOverrideReason: world.rng.pick([
              'Executive sponsor is a vocal fan; the health score reflects a support backlog now cleared.',
              'Health dipped over a billing dispute that is settled; the champion is keen.',
            ]),
          },
        });
        later(world, world.rng.int(1, 5), () => decideNomination(world, account, nominationId, candidateId));
      });
    }
    return;
  }
  later(world, world.rng.int(1, 6), () => decideNomination(world, account, nominationId, candidateId));
}

/** A program manager rejects or approves; an approved nominee is activated with consent and a life plan. */
export async function decideNomination(
  world: DemoWorld,
  account: AccountModel,
  nominationId: string,
  candidateId: string,
): Promise<void> {
  soon(world);
  if (world.rng.chance(0.08)) {
    await world.run.run(pm(world), {
      type: 'RejectNomination',
      aggregateId: nominationId,
      data: {
        reason: world.rng.pick([
          'The contact is leaving the company this quarter.',
          'We already have three advocates at this account; rest the relationship.',
          'Account health dropped since the nomination; revisit after the QBR.',
        ]),
      },
    });
    return;
  }
  await world.run.run(pm(world), { type: 'ApproveNomination', aggregateId: nominationId, data: {} });
  const streamId = streamIdOf('Advocate', candidateId);
  await world.run.reaction(
    streamId,
    (e) => e.type === 'AdvocateEnrolled',
    'the enrolment of the approved nominee',
  );
  soon(world);
  await world.run.run(pm(world), { type: 'ActivateAdvocate', aggregateId: candidateId, data: {} });
  const kinds = new Set(CONSENT_LIKELIHOOD.filter(([, p]) => world.rng.chance(p)).map(([k]) => k));
  if (kinds.size === 0) kinds.add('REFERENCE_CALL');
  const advocate: AdvocateModel = {
    id: candidateId,
    account,
    status: 'ACTIVE',
    consentId: `${candidateId}-consent-1`,
    kinds,
    consentUntil: addDays(
      world.clock.now(),
      world.rng.weighted([
        [180, 15],
        [365, 50],
        [730, 35],
      ] as const),
    ),
    consentLive: true,
    expiryTracked: true,
    territory: world.rng.chance(0.4) ? 'GLOBAL' : account.region,
    pending: new Map(),
    content: new Map(),
    completed: 0,
    rewardsByYear: new Map(),
  };
  world.advocates.push(advocate);
  await grantConsent(world, advocate);
  if (world.rng.chance(0.3)) {
    await world.run.run(pm(world), {
      type: 'SetAdvocatePreferences',
      aggregateId: candidateId,
      data: {
        maxEngagementsPerWindow: world.rng.int(1, 2),
        windowDays: 90,
        minRestDays: world.rng.int(14, 30),
        preferredActivities: [...kinds].slice(0, 2),
      },
    });
  }
  planAdvocateLife(world, advocate);
}

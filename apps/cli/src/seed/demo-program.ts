import { createHash } from 'node:crypto';
import { engagementIdFor, streamIdOf, type Principal, type Vouch } from '@vouch/application';
import {
  addDays,
  isBefore,
  yearOf,
  type ActivityKind,
  type Channel,
  type Department,
  type Instant,
  type OpportunityStage,
  type RewardKind,
  type Role,
  type Segment,
} from '@vouch/domain';
import type { EventStore, RecordedEvent } from '@vouch/event-store';
import type { REGIONS } from './demo-catalogue';
import {
  ACCOUNT_OWNERS,
  ADMIN,
  COMPANY_PREFIXES,
  COMPANY_SUFFIXES,
  COMPETITORS,
  DEPARTMENT_WEIGHTS,
  FIRST_NAMES,
  INDUSTRIES,
  LANGUAGES,
  LAST_NAMES,
  PRODUCTS,
  PROGRAM_MANAGERS,
  REGION_WEIGHTS,
  REQUESTERS,
  SEGMENT_WEIGHTS,
  SENIORITY_WEIGHTS,
  TITLES,
  USE_CASES,
} from './demo-catalogue';
import { Prng } from './prng';
import { SeedExecutor } from './seed-executor';
import { seedIntelligenceScenario } from './intelligence-scenario';
import type { SimulatedClock } from './simulated-clock';

/** How big and which demo program to build. */
export interface DemoProgramOptions {
  readonly tenantId: string;
  /** The PRNG seed: the same seed, scale and end date give the same program. */
  readonly seed: number;
  /** 1 = about 200 accounts, 600 advocates and 1,500 requests; smaller for tests. */
  readonly scale: number;
  /** The last simulated day; the program starts eighteen months earlier. */
  readonly until: Instant;
  /** Told after every simulated day. */
  readonly onDay?: (day: number, days: number) => void;
}

/** What the seed did. */
export interface DemoProgramSummary {
  readonly from: Instant;
  readonly until: Instant;
  readonly accounts: number;
  readonly advocates: number;
  readonly requests: number;
  /** Commands executed, by type. */
  readonly executed: ReadonlyMap<string, number>;
  /** Commands the domain refused as the seed expected, by type and code. */
  readonly refused: ReadonlyMap<string, number>;
}

/** Eighteen months, in days. */
export const SIMULATED_DAYS = 548;

type Region = (typeof REGIONS)[number];
type Industry = (typeof INDUSTRIES)[number];
type Product = (typeof PRODUCTS)[number];

interface AccountModel {
  readonly id: string;
  readonly name: string;
  readonly industry: Industry;
  readonly region: Region;
  readonly segment: Segment;
  readonly products: Product[];
  readonly ownerId: string;
  health: number;
  logoConsentId?: string;
}

/** An event as a command returned it or as the store recorded it. */
type RecordedOrProduced = Pick<RecordedEvent, 'type'> & { readonly data: unknown };

interface PendingEngagement {
  readonly requestId?: string;
  readonly kind: ActivityKind;
}

interface AdvocateModel {
  readonly id: string;
  readonly account: AccountModel;
  status: 'ACTIVE' | 'RESTING' | 'RETIRED' | 'DO_NOT_CONTACT' | 'ERASED';
  consentId: string;
  kinds: Set<ActivityKind>;
  consentUntil: Instant;
  consentLive: boolean;
  /**
   * Whether the due work will record the consent's expiry. A partial withdrawal stops
   * that (the due-work index forgets the consent on any withdrawal) until a renewal.
   */
  expiryTracked: boolean;
  readonly territory: string;
  readonly pending: Map<string, PendingEngagement>;
  /** Published content relying on this advocate's consent, by content id. */
  readonly content: Map<string, ActivityKind>;
  completed: number;
  readonly rewardsByYear: Map<number, number>;
}

type CandidateStep = 'SHORTLISTED' | 'CLEARED' | 'ASKED' | 'ACCEPTED' | 'SCHEDULED' | 'COMPLETED' | 'GONE';

interface RequestModel {
  readonly id: string;
  readonly requester: Principal;
  readonly department: Department;
  readonly kind: ActivityKind;
  readonly territory: string;
  readonly channel: Channel;
  readonly dueBy: Instant;
  readonly amount: number;
  readonly needed: number;
  open: boolean;
  outcomePlanned: boolean;
  /** Shortlists so far: after a refusal or a decline the program manager looks once more. */
  shortlists: number;
  readonly candidates: Map<string, CandidateStep>;
}

/** Which channel each kind of activity is used in. */
const CHANNEL_OF: Record<ActivityKind, Channel> = {
  REFERENCE_CALL: 'PRIVATE',
  SITE_VISIT: 'PRIVATE',
  CASE_STUDY: 'WEB',
  QUOTE: 'WEB',
  LOGO: 'WEB',
  PRESS: 'PRESS',
  ANALYST: 'ANALYST',
  VIDEO: 'SOCIAL',
  SPEAKING: 'EVENT',
  ADVISORY_BOARD: 'PRIVATE',
  PEER_REVIEW: 'WEB',
  REFERRAL: 'PRIVATE',
};

/** How likely an advocate consents to each kind. */
const CONSENT_LIKELIHOOD: readonly (readonly [ActivityKind, number])[] = [
  ['REFERENCE_CALL', 0.95],
  ['PEER_REVIEW', 0.45],
  ['QUOTE', 0.5],
  ['CASE_STUDY', 0.4],
  ['REFERRAL', 0.3],
  ['SITE_VISIT', 0.2],
  ['SPEAKING', 0.2],
  ['VIDEO', 0.15],
  ['PRESS', 0.15],
  ['ANALYST', 0.15],
  ['ADVISORY_BOARD', 0.15],
];

/** What each department asks for. */
const KINDS_BY_DEPARTMENT: Record<Department, readonly (readonly [ActivityKind, number])[]> = {
  SALES: [
    ['REFERENCE_CALL', 80],
    ['SITE_VISIT', 10],
    ['PEER_REVIEW', 10],
  ],
  MARKETING: [
    ['CASE_STUDY', 40],
    ['QUOTE', 30],
    ['VIDEO', 15],
    ['SPEAKING', 15],
  ],
  PR: [['PRESS', 100]],
  PRODUCT: [['ADVISORY_BOARD', 100]],
  CUSTOMER_SUCCESS: [
    ['REFERENCE_CALL', 60],
    ['REFERRAL', 40],
  ],
  SUPPORT: [['PEER_REVIEW', 100]],
  ANALYST_RELATIONS: [['ANALYST', 100]],
};

const CONTENT_KINDS = new Set<ActivityKind>(['CASE_STUDY', 'QUOTE', 'VIDEO']);
const DEAL_SIZE: Record<Segment, readonly [number, number]> = {
  ENTERPRISE: [150_000, 900_000],
  MID_MARKET: [40_000, 200_000],
  SMB: [8_000, 40_000],
  PUBLIC_SECTOR: [60_000, 500_000],
};

/** Whether the program still works with the advocate (verifies, rewards, publishes). */
const workable = (advocate: AdvocateModel): boolean =>
  advocate.status === 'ACTIVE' || advocate.status === 'RESTING';

const principal = (tenantId: string, userId: string, role: Role): Principal => ({
  tenantId,
  userId,
  roles: [role],
});
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const isEvent =
  (type: string, field: string, value: string) =>
  (event: RecordedEvent): boolean =>
    event.type === type && (event.data as Record<string, unknown>)[field] === value;

/**
 * Builds a living reference program through the facade, the way people would: eighteen
 * months of accounts, nominations, consents, requests from every department, gates that
 * say no, overrides with reasons, rewards, content, verifications, withdrawals and an
 * erasure under a legal hold. A discrete-event simulation over a simulated clock: each
 * flow schedules its next step on a later day; the same seed gives the same program.
 */
export async function seedDemoProgram(
  vouch: Vouch,
  store: EventStore,
  clock: SimulatedClock,
  options: DemoProgramOptions,
): Promise<DemoProgramSummary> {
  const { tenantId, scale } = options;
  const rng = new Prng(options.seed);
  const run = new SeedExecutor(vouch, store, tenantId);
  const from = `${addDays(options.until, -SIMULATED_DAYS).slice(0, 10)}T08:00:00.000Z`;
  const agenda = new Map<number, (() => Promise<void>)[]>();
  let today = 0;
  const later = (days: number, step: () => Promise<void>) => {
    const day = today + Math.max(1, Math.round(days));
    if (day > SIMULATED_DAYS) return;
    const steps = agenda.get(day) ?? [];
    steps.push(step);
    agenda.set(day, steps);
  };
  const soon = () => clock.advanceMinutes(rng.int(2, 25));

  const pms = PROGRAM_MANAGERS.map((u) => principal(tenantId, u, 'PROGRAM_MANAGER'));
  const pm = () => rng.pick(pms);
  const owner = (userId: string) => principal(tenantId, userId, 'ACCOUNT_OWNER');
  const admin = principal(tenantId, ADMIN, 'ADMIN');

  const accounts: AccountModel[] = [];
  const advocates: AdvocateModel[] = [];
  const requests: RequestModel[] = [];
  let nominationCount = 0;
  let contentCount = 0;
  let rewardCount = 0;
  let verificationCount = 0;
  let directCount = 0;

  // ---- the program's policies, targets and wishlist (day 0) ----

  const setUpProgram = async () => {
    const lead = pms[0]!;
    await run.run(lead, {
      type: 'SetFatiguePolicy',
      data: { windowDays: 90, maxPerWindow: 3, maxPerKindPerWindow: { REFERENCE_CALL: 2 }, minRestDays: 14 },
    });
    await run.run(lead, {
      type: 'SetRequestSlaPolicy',
      data: { triageWithinHours: 24, fulfilWithinDays: 14 },
    });
    await run.run(lead, {
      type: 'SetRewardPolicy',
      data: { currency: 'USD', perRewardCap: 250, yearlyCapPerAdvocate: 1000 },
    });
    await run.run(lead, { type: 'SetFreshnessPolicy', data: { verifyEveryDays: 180, staleAfterDays: 365 } });
    await run.run(lead, { type: 'SetNominationPolicy', data: { minAccountHealth: 60 } });
    await run.run(lead, { type: 'SetRetentionPolicy', data: { retainRetiredAdvocateDays: 730 } });
    const cells = new Set<string>();
    while (cells.size < 24) {
      cells.add(`${rng.pick(INDUSTRIES)}|${rng.weighted(REGION_WEIGHTS)}|${rng.pick(PRODUCTS)}`);
    }
    for (const cell of [...cells].sort()) {
      const [industry, region, product] = cell.split('|') as [string, string, string];
      await run.run(lead, {
        type: 'SetCoverageTarget',
        data: { industry, region, product, advocatesNeeded: rng.int(2, 8) },
      });
    }
  };

  const wishes: string[] = [];
  const addWish = async () => {
    const industry = rng.pick(INDUSTRIES);
    const wishId = `wish-${wishes.length + 1}`;
    wishes.push(wishId);
    const rep = principal(tenantId, rng.pick(REQUESTERS.SALES), 'REQUESTER');
    await run.run(rep, {
      type: 'AddToWishlist',
      data: {
        wishId,
        accountName: `${rng.pick(COMPANY_PREFIXES)} ${rng.pick(COMPANY_SUFFIXES[industry])}`,
        industry,
        segment: rng.weighted(SEGMENT_WEIGHTS),
        region: rng.weighted(REGION_WEIGHTS),
        products: rng.sample(PRODUCTS, rng.int(1, 2)),
        reason: rng.pick([
          'Every deal in this vertical asks for a peer we cannot offer',
          'Lost two deals to a competitor with this logo',
          'Strategic account for next year’s growth plan',
        ]),
      },
    });
  };

  // ---- accounts ----

  const registerAccount = async (index: number) => {
    const industry = rng.pick(INDUSTRIES);
    const segment = rng.weighted(SEGMENT_WEIGHTS);
    const account: AccountModel = {
      id: `acct-${index}`,
      name: `${COMPANY_PREFIXES[index % COMPANY_PREFIXES.length]} ${rng.pick(COMPANY_SUFFIXES[industry])} ${Math.floor(index / COMPANY_PREFIXES.length) + 1}`,
      industry,
      region: rng.weighted(REGION_WEIGHTS),
      segment,
      products: rng.sample(PRODUCTS, rng.int(1, 3)),
      ownerId: rng.pick(ACCOUNT_OWNERS),
      // A quarter of the customers are not happy: the nomination gate turns them away.
      health: rng.chance(0.25) ? rng.int(25, 58) : rng.int(62, 98),
    };
    accounts.push(account);
    const by = owner(account.ownerId);
    soon();
    await run.run(by, {
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
    await recordHealth(account);
    if (rng.chance(0.4)) {
      soon();
      account.logoConsentId = `${account.id}-logo`;
      await run.run(pm(), {
        type: 'GrantAccountConsent',
        aggregateId: account.id,
        data: {
          consentId: account.logoConsentId,
          kinds: ['LOGO'],
          territories: ['GLOBAL'],
          channels: ['WEB', 'PRINT', 'EVENT'],
          validFrom: clock.now(),
          validUntil: addDays(clock.now(), 730),
          collectionMethod: 'E_SIGNATURE',
          collectedAt: clock.now(),
          evidenceHash: sha256(`${account.id}-logo-agreement`),
          noticeVersion: 'logo-terms-2',
        },
      });
      later(rng.int(20, 200), () => publishLogo(account));
    }
    const nominations = rng.weighted([
      [3, 20],
      [4, 40],
      [5, 40],
    ] as const);
    for (let n = 0; n < nominations; n += 1) later(rng.int(3, 150), () => nominate(account));
    later(rng.int(60, 120), () => healthCheck(account));
  };

  const recordHealth = async (account: AccountModel) => {
    soon();
    await run.run(owner(account.ownerId), {
      type: 'RecordAccountHealth',
      aggregateId: account.id,
      data: {
        healthScore: account.health,
        nps: Math.max(-100, Math.min(100, Math.round((account.health - 50) * 2))),
        csat: Math.min(100, account.health + rng.int(-5, 5)),
      },
    });
  };

  const healthCheck = async (account: AccountModel) => {
    account.health = Math.max(10, Math.min(100, account.health + rng.int(-15, 12)));
    await recordHealth(account);
    later(rng.int(80, 120), () => healthCheck(account));
  };

  const publishLogo = async (account: AccountModel) => {
    if (!account.logoConsentId) return;
    contentCount += 1;
    const contentId = `logo-${account.id}`;
    soon();
    await run.run(pm(), {
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
    await run.run(pm(), {
      type: 'ApproveContent',
      aggregateId: contentId,
      data: { evidence: `Brand team sign-off ${sha256(contentId).slice(0, 8)}` },
    });
    await run.run(pm(), {
      type: 'PublishContent',
      aggregateId: contentId,
      data: { url: `https://example.com/customers#${account.id}` },
    });
  };

  // ---- nominations and advocates ----

  const nominate = async (account: AccountModel) => {
    nominationCount += 1;
    const nominationId = `nom-${nominationCount}`;
    const candidateId = `adv-${nominationCount}`;
    const seniority = rng.weighted(SENIORITY_WEIGHTS);
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const products = rng.sample(account.products, rng.int(1, account.products.length));
    const data = {
      nominationId,
      accountId: account.id,
      candidateId,
      name: `${first} ${last}`,
      email: `${first}.${last}.${nominationCount}@${account.id}.example`
        .toLowerCase()
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, ''),
      phone: `+1 555 ${String(1000 + nominationCount).padStart(4, '0')}`,
      title: rng.pick(TITLES[seniority]),
      seniority,
      products,
      useCases: rng.sample(
        products.flatMap((p) => USE_CASES[p]),
        2,
      ),
      languages: rng.sample(LANGUAGES[account.region], rng.int(1, 2)),
      topics: rng.sample(['ROI', 'implementation', 'change management', 'migration', 'security'], 2),
      evidenceKind: rng.pick([
        'NPS_PROMOTER',
        'HIGH_CSAT',
        'SUCCESS_STORY',
        'RENEWAL',
        'EXPANSION',
        'UNSOLICITED_PRAISE',
      ] as const),
      evidence: rng.pick([
        'Scored us 10 in the last NPS survey.',
        'Renewed early and expanded to a second business unit.',
        'Presented their results at our user group.',
        'Wrote to their CSM praising the rollout.',
      ]),
    };
    soon();
    const submitted = await run.try(owner(account.ownerId), { type: 'SubmitNomination', data });
    if (!submitted) {
      // Below the health threshold: now and then a program manager overrides, with the reason on record.
      if (rng.chance(0.35)) {
        later(rng.int(1, 5), async () => {
          soon();
          await run.run(pm(), {
            type: 'SubmitNomination',
            data: {
              ...data,
              healthOverrideReason: rng.pick([
                'Executive sponsor is a vocal fan; the health score reflects a support backlog now cleared.',
                'Health dipped over a billing dispute that is settled; the champion is keen.',
              ]),
            },
          });
          later(rng.int(1, 5), () => decideNomination(account, nominationId, candidateId));
        });
      }
      return;
    }
    later(rng.int(1, 6), () => decideNomination(account, nominationId, candidateId));
  };

  const decideNomination = async (account: AccountModel, nominationId: string, candidateId: string) => {
    soon();
    if (rng.chance(0.08)) {
      await run.run(pm(), {
        type: 'RejectNomination',
        aggregateId: nominationId,
        data: {
          reason: rng.pick([
            'The contact is leaving the company this quarter.',
            'We already have three advocates at this account; rest the relationship.',
            'Account health dropped since the nomination; revisit after the QBR.',
          ]),
        },
      });
      return;
    }
    await run.run(pm(), { type: 'ApproveNomination', aggregateId: nominationId, data: {} });
    const streamId = streamIdOf('Advocate', candidateId);
    await run.reaction(
      streamId,
      (e) => e.type === 'AdvocateEnrolled',
      'the enrolment of the approved nominee',
    );
    soon();
    await run.run(pm(), { type: 'ActivateAdvocate', aggregateId: candidateId, data: {} });
    const kinds = new Set(CONSENT_LIKELIHOOD.filter(([, p]) => rng.chance(p)).map(([k]) => k));
    if (kinds.size === 0) kinds.add('REFERENCE_CALL');
    const advocate: AdvocateModel = {
      id: candidateId,
      account,
      status: 'ACTIVE',
      consentId: `${candidateId}-consent-1`,
      kinds,
      consentUntil: addDays(
        clock.now(),
        rng.weighted([
          [180, 15],
          [365, 50],
          [730, 35],
        ] as const),
      ),
      consentLive: true,
      expiryTracked: true,
      territory: rng.chance(0.4) ? 'GLOBAL' : account.region,
      pending: new Map(),
      content: new Map(),
      completed: 0,
      rewardsByYear: new Map(),
    };
    advocates.push(advocate);
    await grantConsent(advocate);
    if (rng.chance(0.3)) {
      await run.run(pm(), {
        type: 'SetAdvocatePreferences',
        aggregateId: candidateId,
        data: {
          maxEngagementsPerWindow: rng.int(1, 2),
          windowDays: 90,
          minRestDays: rng.int(14, 30),
          preferredActivities: [...kinds].slice(0, 2),
        },
      });
    }
    planAdvocateLife(advocate);
  };

  const grantConsent = async (advocate: AdvocateModel) => {
    soon();
    const kinds = [...advocate.kinds];
    const channels = [...new Set<Channel>(['PRIVATE', ...kinds.map((k) => CHANNEL_OF[k])])];
    await run.run(pm(), {
      type: 'GrantConsent',
      aggregateId: advocate.id,
      data: {
        consentId: advocate.consentId,
        kinds,
        territories: [advocate.territory],
        channels,
        validFrom: clock.now(),
        validUntil: advocate.consentUntil,
        collectionMethod: rng.pick(['WEB_FORM', 'E_SIGNATURE', 'RECORDED_CALL'] as const),
        collectedAt: clock.now(),
        evidenceHash: sha256(advocate.consentId),
        noticeVersion: 'privacy-notice-v3',
      },
    });
  };

  /** What happens to an advocate besides requests: renewals, expiries, withdrawals, rests, exits. */
  const planAdvocateLife = (advocate: AdvocateModel) => {
    const daysLeft = Math.round((Date.parse(advocate.consentUntil) - Date.parse(clock.now())) / 86_400_000);
    if (rng.chance(0.55)) later(daysLeft - rng.int(5, 25), () => renewConsent(advocate));
    const roll = rng.next();
    if (roll < 0.05) later(rng.int(30, 400), () => withdrawConsent(advocate));
    else if (roll < 0.1) later(rng.int(20, 300), () => restAdvocate(advocate));
    else if (roll < 0.12) later(rng.int(60, 450), () => retireAdvocate(advocate));
    else if (roll < 0.13) later(rng.int(60, 450), () => doNotContact(advocate));
  };

  const renewConsent = async (advocate: AdvocateModel) => {
    if (!advocate.consentLive || advocate.status === 'ERASED') return;
    advocate.consentUntil = addDays(advocate.consentUntil, 365);
    advocate.expiryTracked = true;
    soon();
    await run.run(pm(), {
      type: 'RenewConsent',
      aggregateId: advocate.id,
      data: {
        consentId: advocate.consentId,
        validUntil: advocate.consentUntil,
        collectionMethod: 'WEB_FORM',
        collectedAt: clock.now(),
        evidenceHash: sha256(`${advocate.consentId}-renewal`),
        noticeVersion: 'privacy-notice-v3',
      },
    });
    later(365 - rng.int(5, 25), () => renewConsent(advocate));
  };

  /**
   * After a consent stopped covering `kinds`: the advocate released the engagements in the
   * same decision (`released`); wait for the process managers to tell the requests and
   * suspend the content that relied on it.
   */
  const awaitConsentLoss = async (
    advocate: AdvocateModel,
    released: readonly RecordedOrProduced[],
    kinds: readonly ActivityKind[],
  ) => {
    for (const event of released) {
      if (event.type !== 'EngagementReleased') continue;
      const engagementId = String((event.data as { engagementId?: string }).engagementId);
      const engagement = advocate.pending.get(engagementId);
      advocate.pending.delete(engagementId);
      const request = requests.find((r) => r.id === engagement?.requestId);
      if (request) {
        await run.reaction(
          streamIdOf('ReferenceRequest', request.id),
          isEvent('CandidateReleased', 'advocateId', advocate.id),
          'the requester being told of the release',
        );
        request.candidates.set(advocate.id, 'GONE');
      }
    }
    for (const [contentId, kind] of [...advocate.content]) {
      if (!kinds.includes(kind)) continue;
      await run.reaction(
        streamIdOf('ContentAsset', contentId),
        (e) => e.type === 'ContentSuspended',
        'the suspension of dependent content',
      );
      advocate.content.delete(contentId);
    }
  };

  const withdrawConsent = async (advocate: AdvocateModel) => {
    if (!advocate.consentLive || advocate.status === 'ERASED') return;
    const partial = advocate.kinds.size > 1 && rng.chance(0.5);
    const kinds = partial ? [rng.pick([...advocate.kinds])] : [...advocate.kinds];
    soon();
    const withdrawn = await run.run(owner(advocate.account.ownerId), {
      type: 'WithdrawConsent',
      aggregateId: advocate.id,
      data: {
        consentId: advocate.consentId,
        ...(partial ? { kinds } : {}),
        reason: rng.pick([
          'New legal policy: no public case studies.',
          'The advocate asked to step back after a reorganisation.',
          'Company communications freeze ahead of an acquisition.',
        ]),
      },
    });
    for (const kind of kinds) advocate.kinds.delete(kind);
    if (advocate.kinds.size === 0) advocate.consentLive = false;
    advocate.expiryTracked = false;
    await awaitConsentLoss(advocate, withdrawn.events, kinds);
  };

  const restAdvocate = async (advocate: AdvocateModel) => {
    if (advocate.status !== 'ACTIVE' || advocate.pending.size > 0) return;
    const days = rng.int(30, 90);
    soon();
    await run.run(owner(advocate.account.ownerId), {
      type: 'RestAdvocate',
      aggregateId: advocate.id,
      data: { until: addDays(clock.now(), days), reason: 'Busy with a system migration this quarter.' },
    });
    advocate.status = 'RESTING';
    later(days + 1, async () => {
      if (advocate.status !== 'RESTING') return;
      soon();
      await run.run(pm(), { type: 'ReactivateAdvocate', aggregateId: advocate.id, data: {} });
      advocate.status = 'ACTIVE';
    });
  };

  const retireAdvocate = async (advocate: AdvocateModel) => {
    if (advocate.status !== 'ACTIVE' || advocate.pending.size > 0) return;
    soon();
    await run.run(pm(), {
      type: 'RetireAdvocate',
      aggregateId: advocate.id,
      data: { reason: 'Left the customer for another company.' },
    });
    advocate.status = 'RETIRED';
  };

  const doNotContact = async (advocate: AdvocateModel) => {
    if (advocate.status !== 'ACTIVE' || advocate.pending.size > 0) return;
    soon();
    await run.run(owner(advocate.account.ownerId), {
      type: 'MarkDoNotContact',
      aggregateId: advocate.id,
      data: { reason: 'Escalated support case: the account team asked to pause all asks.' },
    });
    advocate.status = 'DO_NOT_CONTACT';
  };

  // ---- profile verification ----

  const verifyProfiles = async () => {
    const due = advocates.filter((a) => a.status === 'ACTIVE' && rng.chance(0.08));
    for (const advocate of due) {
      verificationCount += 1;
      const verificationId = `ver-${verificationCount}`;
      soon();
      await run.run(pm(), {
        type: 'RequestProfileVerification',
        aggregateId: advocate.id,
        data: { verificationId, askedOf: advocate.account.ownerId, dueBy: addDays(clock.now(), 14) },
      });
      // Most owners answer; the rest lapse and the profile goes stale.
      if (rng.chance(0.7)) {
        later(rng.int(1, 12), async () => {
          if (!workable(advocate)) return;
          soon();
          await run.run(owner(advocate.account.ownerId), {
            type: 'VerifyProfile',
            aggregateId: advocate.id,
            data: { verificationId, note: 'Checked title and products with the customer.' },
          });
        });
      }
    }
  };

  // ---- requests ----

  const submitRequest = async () => {
    const department = rng.weighted(DEPARTMENT_WEIGHTS);
    const kind = rng.weighted(KINDS_BY_DEPARTMENT[department]);
    const requester = principal(tenantId, rng.pick(REQUESTERS[department]), 'REQUESTER');
    const industry = rng.pick(INDUSTRIES);
    const region = rng.weighted(REGION_WEIGHTS);
    const segment = rng.weighted(SEGMENT_WEIGHTS);
    const [low, high] = DEAL_SIZE[segment];
    const dealLike = department === 'SALES' || department === 'CUSTOMER_SUCCESS';
    const amount = dealLike ? Math.round(rng.int(low, high) / 1000) * 1000 : 0;
    const products = rng.sample(PRODUCTS, rng.int(1, 2));
    const request: RequestModel = {
      id: `req-${requests.length + 1}`,
      requester,
      department,
      kind,
      territory: region,
      channel: CHANNEL_OF[kind],
      dueBy: addDays(clock.now(), rng.int(21, 35)),
      amount,
      needed: kind === 'ADVISORY_BOARD' || (dealLike && rng.chance(0.12)) ? 2 : 1,
      open: true,
      outcomePlanned: false,
      shortlists: 0,
      candidates: new Map(),
    };
    requests.push(request);
    soon();
    await run.run(requester, {
      type: 'SubmitReferenceRequest',
      data: {
        requestId: request.id,
        department,
        kind,
        advocatesNeeded: request.needed,
        opportunity: {
          opportunityId: `opp-${requests.length}`,
          stage: rng.pick<OpportunityStage>(['DISCOVERY', 'EVALUATION', 'PROPOSAL', 'NEGOTIATION']),
          amount: { amount, currency: 'USD' },
          industry,
          region,
          products,
          ...(dealLike && rng.chance(0.4) ? { competitor: rng.pick(COMPETITORS) } : {}),
        },
        criteria: {
          ...(rng.chance(0.4) ? { industries: [industry] } : {}),
          ...(rng.chance(0.35) ? { products } : {}),
          ...(rng.chance(0.1) ? { minSeniority: 'DIRECTOR' as const } : {}),
          territory: region,
          channel: request.channel,
        },
        dueBy: request.dueBy,
        ...(rng.chance(0.3) ? { notes: 'The buyer wants a peer who ran the same migration.' } : {}),
      },
    });
    // A few are never triaged in time and lapse: the SLA metrics show it.
    if (rng.chance(0.03)) return;
    later(rng.int(0, 1) || 1, () => triage(request));
  };

  const triage = async (request: RequestModel) => {
    soon();
    await run.run(pm(), {
      type: 'TriageRequest',
      aggregateId: request.id,
      data: {
        priority: request.amount >= 400_000 ? 'URGENT' : request.amount >= 150_000 ? 'HIGH' : 'NORMAL',
      },
    });
    await shortlist(request);
  };

  const shortlist = async (request: RequestModel) => {
    const lead = pm();
    request.shortlists += 1;
    const active = [...request.candidates.values()].filter((step) => step !== 'GONE').length;
    const wanted = request.needed - active;
    if (!request.open || wanted <= 0) return;
    const matches = await vouch.queries.matchCandidates(lead, request.id, undefined, 10);
    // An advocate whose erasure waits on a legal hold still matches; the program leaves them be.
    const chosen = matches.available
      .filter((c) => advocateOf(c.advocateId)?.status !== 'ERASED')
      .slice(0, wanted);
    // Sales reps have favourites: now and then the rep's pocket reference goes on the list
    // too, and the fatigue gate decides whether they may be asked again.
    const favourite =
      request.department === 'SALES' && request.shortlists === 1 && rng.chance(0.15)
        ? advocates
            .filter((a) => a.status === 'ACTIVE' && a.consentLive && a.kinds.has(request.kind))
            .sort((a, b) => b.completed - a.completed || a.id.localeCompare(b.id))[0]
        : undefined;
    const candidates = chosen.map((c) => ({
      advocateId: c.advocateId,
      accountId: c.accountId,
      ownerId: c.ownerId ?? accountOf(c.advocateId)?.ownerId ?? ACCOUNT_OWNERS[0],
      score: Math.round(c.score.total),
      breakdown: [...c.score.breakdown],
    }));
    if (favourite && !candidates.some((c) => c.advocateId === favourite.id)) {
      candidates.push({
        advocateId: favourite.id,
        accountId: favourite.account.id,
        ownerId: favourite.account.ownerId,
        score: 50,
        breakdown: [],
      });
    }
    if (candidates.length === 0) {
      if (request.shortlists > 1) return;
      // Nobody fits: the gap shows in coverage; some requesters give up, the rest lapse.
      if (rng.chance(0.4)) {
        later(rng.int(2, 6), async () => {
          soon();
          await run.run(request.requester, {
            type: 'CancelRequest',
            aggregateId: request.id,
            data: { reason: 'No advocate matched; the buyer took a peer review site instead.' },
          });
          request.open = false;
        });
      }
      return;
    }
    soon();
    await run.run(lead, { type: 'ShortlistCandidates', aggregateId: request.id, data: { candidates } });
    for (const c of candidates) {
      request.candidates.set(c.advocateId, 'SHORTLISTED');
      later(rng.int(1, 3), () => clearAsk(request, c.advocateId, c.ownerId));
    }
  };

  const accountOf = (advocateId: string) => advocates.find((a) => a.id === advocateId)?.account;
  const advocateOf = (advocateId: string) => advocates.find((a) => a.id === advocateId);

  const clearAsk = async (request: RequestModel, advocateId: string, ownerId: string) => {
    if (!request.open || request.candidates.get(advocateId) !== 'SHORTLISTED') return;
    soon();
    const roll = rng.next();
    if (roll < 0.08) {
      await run.run(owner(ownerId), {
        type: 'DeclineAsk',
        aggregateId: request.id,
        data: { advocateId, reason: 'Renewal negotiation in progress; not the moment to ask.' },
      });
      request.candidates.set(advocateId, 'GONE');
      if (request.shortlists < 2) later(1, () => shortlist(request));
      return;
    }
    if (roll < 0.18) {
      await run.run(pm(), {
        type: 'OverrideOwnerApproval',
        aggregateId: request.id,
        data: { advocateId, reason: 'Owner on leave; cleared with the CSM of the account.' },
      });
    } else {
      await run.run(owner(ownerId), {
        type: 'ApproveAsk',
        aggregateId: request.id,
        data: { advocateId, note: 'Relationship is strong; go ahead.' },
      });
    }
    request.candidates.set(advocateId, 'CLEARED');
    later(rng.int(1, 2), () => ask(request, advocateId));
  };

  const ask = async (request: RequestModel, advocateId: string) => {
    if (!request.open || request.candidates.get(advocateId) !== 'CLEARED') return;
    soon();
    const lead = pm();
    const asked = await run.try(lead, {
      type: 'AskAdvocate',
      aggregateId: request.id,
      data: { advocateId, engagementId: engagementIdFor(request.id, advocateId) },
    });
    if (!asked) {
      // The gates said no (fatigue, consent, status): release the candidate and move on.
      await run.run(lead, {
        type: 'ReleaseCandidate',
        aggregateId: request.id,
        data: { advocateId, reason: 'ADVOCATE_UNAVAILABLE' },
      });
      request.candidates.set(advocateId, 'GONE');
      if (request.shortlists < 2) later(1, () => shortlist(request));
      return;
    }
    request.candidates.set(advocateId, 'ASKED');
    advocateOf(advocateId)?.pending.set(engagementIdFor(request.id, advocateId), {
      requestId: request.id,
      kind: request.kind,
    });
    later(rng.int(1, 4), () => respond(request, advocateId));
  };

  const respond = async (request: RequestModel, advocateId: string) => {
    if (!request.open || request.candidates.get(advocateId) !== 'ASKED') return;
    const accepted = rng.chance(0.85);
    const engagementId = engagementIdFor(request.id, advocateId);
    soon();
    await run.run(pm(), {
      type: 'RecordAdvocateResponse',
      aggregateId: request.id,
      data: { advocateId, accepted, ...(accepted ? {} : { reason: 'Too busy this quarter.' }) },
    });
    await run.reaction(
      streamIdOf('Advocate', advocateId),
      (e) =>
        (e.type === 'EngagementAccepted' || e.type === 'EngagementReleased') &&
        (e.data as { engagementId?: string }).engagementId === engagementId,
      'the advocate side of the response',
    );
    if (!accepted) {
      advocateOf(advocateId)?.pending.delete(engagementId);
      request.candidates.set(advocateId, 'GONE');
      if (request.shortlists < 2) later(1, () => shortlist(request));
      return;
    }
    request.candidates.set(advocateId, 'ACCEPTED');
    later(rng.int(1, 3), () => schedule(request, advocateId));
  };

  const schedule = async (request: RequestModel, advocateId: string) => {
    if (!request.open || request.candidates.get(advocateId) !== 'ACCEPTED') return;
    const days = rng.int(2, 8);
    soon();
    const scheduled = await run.try(pm(), {
      type: 'ScheduleActivity',
      aggregateId: request.id,
      data: { advocateId, at: addDays(clock.now(), days) },
    });
    if (!scheduled) return;
    request.candidates.set(advocateId, 'SCHEDULED');
    later(days, () => complete(request, advocateId));
  };

  const complete = async (request: RequestModel, advocateId: string) => {
    if (!request.open || request.candidates.get(advocateId) !== 'SCHEDULED') return;
    const advocate = advocateOf(advocateId);
    if (rng.chance(0.05)) {
      await cancelRequest(request, 'Deal slipped to next quarter; the buyer paused the evaluation.');
      return;
    }
    soon();
    const completed = await run.try(pm(), {
      type: 'CompleteActivity',
      aggregateId: request.id,
      data: { advocateId },
    });
    if (!completed) {
      await cancelRequest(request, 'The advocate’s consent lapsed before the call; we will ask again.');
      return;
    }
    request.candidates.set(advocateId, 'COMPLETED');
    if (advocate) {
      advocate.pending.delete(engagementIdFor(request.id, advocateId));
      advocate.completed += 1;
    }
    later(rng.int(1, 3), async () => {
      // Feedback names the advocate: none is recorded about someone erased meanwhile.
      if (advocate?.status === 'ERASED') return;
      soon();
      await run.run(request.requester, {
        type: 'RecordRequestFeedback',
        aggregateId: request.id,
        data: { advocateId, rating: rng.int(3, 5), comment: 'Spoke with conviction about the rollout.' },
      });
    });
    if (advocate && rng.chance(0.35)) later(rng.int(2, 10), () => reward(advocate));
    if (advocate && CONTENT_KINDS.has(request.kind))
      later(rng.int(5, 15), () => publishStory(advocate, request));
    const fulfilled = [...request.candidates.values()].filter((s) => s === 'COMPLETED').length;
    if (fulfilled >= request.needed && request.amount > 0 && !request.outcomePlanned) {
      request.outcomePlanned = true;
      later(rng.int(10, 60), () => recordOutcome(request));
    }
  };

  /** Waits for the process manager to give back the reservations of a closed request. */
  const awaitReleases = async (request: RequestModel) => {
    request.open = false;
    for (const [id, step] of request.candidates) {
      if (step !== 'ASKED' && step !== 'ACCEPTED' && step !== 'SCHEDULED') continue;
      const engagementId = engagementIdFor(request.id, id);
      await run.reaction(
        streamIdOf('Advocate', id),
        isEvent('EngagementReleased', 'engagementId', engagementId),
        'the release of a closed request’s engagements',
      );
      advocateOf(id)?.pending.delete(engagementId);
      request.candidates.set(id, 'GONE');
    }
  };

  /** The requester cancels; the process manager gives the reservations back. */
  const cancelRequest = async (request: RequestModel, reason: string) => {
    soon();
    await run.run(request.requester, { type: 'CancelRequest', aggregateId: request.id, data: { reason } });
    await awaitReleases(request);
  };

  /** Requests the due work lapsed this morning (it has finished when `processDueWork` returns). */
  const settleLapses = async () => {
    for (const request of requests) {
      if (!request.open || isBefore(clock.now(), request.dueBy)) continue;
      const tail = await store.readStream(tenantId, streamIdOf('ReferenceRequest', request.id), {
        direction: 'backwards',
        limit: 10,
      });
      if (tail.some((e) => e.type === 'RequestLapsed')) await awaitReleases(request);
    }
  };

  const recordOutcome = async (request: RequestModel) => {
    const result = rng.weighted([
      ['WON', 55],
      ['LOST', 35],
      ['NO_DECISION', 10],
    ] as const);
    soon();
    await run.run(request.requester, {
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
  };

  const reward = async (advocate: AdvocateModel) => {
    if (!workable(advocate)) return;
    const [kind, value] = rng.weighted<readonly [RewardKind, number]>([
      [['EARLY_ACCESS', 0], 20],
      [['SPEAKING_SLOT', 0], 10],
      [['TRAINING', 150], 15],
      [['GIFT', rng.int(50, 200)], 25],
      [['CHARITY_DONATION', rng.int(100, 250)], 15],
      [['EVENT_PASS', 450], 15],
    ]);
    rewardCount += 1;
    const data = {
      rewardId: `rwd-${rewardCount}`,
      kind,
      description: `${kind.toLowerCase().replace('_', ' ')} as thanks for a reference`,
      value: { amount: value, currency: 'USD' },
      disclosure: 'Disclosed to the prospect and in the advocate’s record.',
    };
    soon();
    const granted = await run.try(pm(), { type: 'GrantReward', aggregateId: advocate.id, data });
    // An event pass is above the per-reward cap: a program manager approves it, on record.
    if (!granted && value > 250) {
      await run.try(pm(), {
        type: 'GrantReward',
        aggregateId: advocate.id,
        data: { ...data, overCapApprovalReason: 'Keynote speaker at our user conference.' },
      });
    }
    const year = yearOf(clock.now());
    advocate.rewardsByYear.set(year, (advocate.rewardsByYear.get(year) ?? 0) + value);
  };

  const publishStory = async (advocate: AdvocateModel, request: RequestModel) => {
    if (!advocate.consentLive || !advocate.kinds.has(request.kind) || !workable(advocate)) return;
    contentCount += 1;
    const contentId = `content-${contentCount}`;
    const kind = request.kind as 'CASE_STUDY' | 'QUOTE' | 'VIDEO';
    soon();
    await run.run(pm(), {
      type: 'DraftContent',
      data: {
        contentId,
        kind,
        title: `${advocate.account.name}: ${rng.pick(['faster close', 'one plan for every plant', 'audit-ready in weeks'])}`,
        accountId: advocate.account.id,
        holders: [{ holder: 'ADVOCATE', holderId: advocate.id }],
        territory: advocate.territory === 'GLOBAL' ? request.territory : advocate.territory,
        channel: CHANNEL_OF[kind],
      },
    });
    later(rng.int(3, 10), async () => {
      if (!advocate.consentLive || !advocate.kinds.has(kind)) return;
      soon();
      await run.run(pm(), {
        type: 'ApproveContent',
        aggregateId: contentId,
        data: { evidence: `Customer sign-off ${sha256(contentId).slice(0, 8)}` },
      });
      const published = await run.try(pm(), {
        type: 'PublishContent',
        aggregateId: contentId,
        data: { url: `https://example.com/stories/${contentId}` },
      });
      if (published) advocate.content.set(contentId, kind);
    });
  };

  /** Strategic asks outside the request flow: the fatigue gate refuses, a program manager overrides on record. */
  const strategicBriefing = async () => {
    const busiest = advocates
      .filter(
        (a) =>
          a.status === 'ACTIVE' && a.consentLive && a.kinds.has('REFERENCE_CALL') && a.pending.size === 0,
      )
      .sort((a, b) => b.completed - a.completed || a.id.localeCompare(b.id))
      .slice(0, 5);
    if (busiest.length === 0) return;
    const advocate = rng.pick(busiest);
    directCount += 1;
    const engagementId = `briefing-${directCount}`;
    const data = {
      engagementId,
      kind: 'REFERENCE_CALL' as const,
      territory: advocate.territory === 'GLOBAL' ? advocate.account.region : advocate.territory,
      channel: 'PRIVATE' as const,
      activityAt: addDays(clock.now(), 3),
      ownerClearance: { kind: 'OWNER' as const, by: advocate.account.ownerId },
    };
    const lead = pm();
    soon();
    let reserved = await run.try(lead, { type: 'ReserveEngagement', aggregateId: advocate.id, data });
    let overridden = false;
    if (!reserved && rng.chance(0.6)) {
      reserved = await run.try(lead, {
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
    await run.run(lead, { type: 'AcceptEngagement', aggregateId: advocate.id, data: { engagementId } });
    await run.try(lead, {
      type: 'ScheduleEngagement',
      aggregateId: advocate.id,
      data: {
        engagementId,
        at: data.activityAt,
        ...(overridden ? { fatigueOverrideReason: 'Same strategic briefing as reserved.' } : {}),
      },
    });
    later(3, async () => {
      if (!advocate.pending.has(engagementId)) return;
      soon();
      await run.run(lead, { type: 'CompleteEngagement', aggregateId: advocate.id, data: { engagementId } });
      advocate.pending.delete(engagementId);
      advocate.completed += 1;
    });
  };

  /** Consents that ran out today: the due work recorded their expiry; wait for what follows. */
  const settleExpiries = async () => {
    for (const advocate of advocates) {
      if (!advocate.consentLive || isBefore(clock.now(), advocate.consentUntil)) continue;
      if (advocate.status === 'ERASED') continue;
      if (!advocate.expiryTracked) {
        // Nobody records this expiry: pending engagements stay, and the gates refuse them later.
        advocate.consentLive = false;
        advocate.kinds.clear();
        continue;
      }
      const stream = streamIdOf('Advocate', advocate.id);
      await run.reaction(stream, (e) => e.type === 'ConsentExpired', 'the recorded expiry of a consent');
      // The releases were decided with the expiry, in the same append: they follow it.
      const tail = await store.readStream(tenantId, stream, { direction: 'backwards', limit: 25 });
      const expiredAt = tail.findIndex((e) => e.type === 'ConsentExpired');
      const kinds = [...advocate.kinds];
      advocate.consentLive = false;
      advocate.kinds.clear();
      await awaitConsentLoss(advocate, tail.slice(0, expiredAt), kinds);
    }
  };

  /** A legal hold defers one erasure; another is carried out at once. */
  const privacyCases = async () => {
    const candidates = advocates.filter((a) => a.status === 'ACTIVE' && a.pending.size === 0);
    const [held, erased] = rng.sample(candidates, 2);
    if (erased) {
      soon();
      await run.run(admin, {
        type: 'RequestErasure',
        aggregateId: erased.id,
        data: { reason: 'GDPR Art. 17 request received by the privacy team.' },
      });
      erased.status = 'ERASED';
    }
    if (held) {
      soon();
      await run.run(admin, {
        type: 'PlaceLegalHold',
        aggregateId: held.id,
        data: { holdId: `hold-${held.id}`, matter: 'Contract dispute 2025-17' },
      });
      await run.run(admin, {
        type: 'RequestErasure',
        aggregateId: held.id,
        data: { reason: 'GDPR Art. 17 request; deferred while the legal hold lasts.' },
      });
      held.status = 'ERASED';
      later(60, async () => {
        soon();
        await run.run(admin, {
          type: 'ReleaseLegalHold',
          aggregateId: held.id,
          data: { holdId: `hold-${held.id}`, reason: 'Dispute settled.' },
        });
      });
    }
  };

  // ---- the timeline ----

  const accountTotal = Math.max(4, Math.round(200 * scale));
  const requestTotal = Math.max(10, Math.round(1500 * scale));
  // Accounts: most exist when the program starts, the rest are won over the first year.
  const accountDays = Array.from({ length: accountTotal }, (_, i) =>
    i < accountTotal * 0.6 ? rng.int(0, 30) : rng.int(31, 400),
  ).sort((a, b) => a - b);
  // Requests ramp up as the program proves itself: density grows linearly after month two.
  const requestDays = Array.from({ length: requestTotal }, () =>
    Math.round(60 + Math.sqrt(rng.next()) * (SIMULATED_DAYS - 75)),
  ).sort((a, b) => a - b);

  for (today = 0; today <= SIMULATED_DAYS; today += 1) {
    clock.startDay(from, today);
    await vouch.processDueWork();
    await settleLapses();
    await settleExpiries();
    if (today === 0) {
      await setUpProgram();
      for (let i = 0; i < 8; i += 1) await addWish();
    }
    for (const day of accountDays) if (day === today) await registerAccount(accounts.length + 1);
    for (const step of agenda.get(today) ?? []) await step();
    agenda.delete(today);
    for (const day of requestDays) if (day === today) await submitRequest();
    if (today > 0 && today % 30 === 0) await verifyProfiles();
    if (today > 60 && today % 9 === 0) await strategicBriefing();
    if (today > 0 && today % 45 === 0) await addWish();
    if (today === 300 && wishes.length > 2) {
      await run.run(pm(), {
        type: 'RemoveFromWishlist',
        data: { wishId: wishes[0]!, reason: 'Signed as a customer; recruit from the account instead.' },
      });
    }
    if (today === 420) await privacyCases();
    options.onDay?.(today, SIMULATED_DAYS);
  }
  await seedIntelligenceScenario({ run, tenantId, accounts, advocates });
  await vouch.processDueWork();

  return {
    from,
    until: clock.now(),
    accounts: accounts.length,
    advocates: advocates.length,
    requests: requests.length,
    executed: run.executed,
    refused: run.refused,
  };
}

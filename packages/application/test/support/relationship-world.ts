import { addDays, isDomainError, type Instant, type Role } from '@vouch/domain';
import { InMemoryEventStore, type EventStore } from '@vouch/event-store';
import { createVouch, type Principal, type Vouch, type VouchCommand } from '../../src';

export const TENANT = 'relationships';
export const NOW: Instant = '2026-11-23T09:00:00.000Z';

/** Two account owners, two requesters: each owns or asked for something the other does not. */
export const OWNERS = ['olga', 'otto'] as const;
export const REQUESTERS = ['rita', 'sam'] as const;
export type Someone = (typeof OWNERS)[number] | (typeof REQUESTERS)[number];

export const as = (userId: string, ...roles: Role[]): Principal => ({ tenantId: TENANT, userId, roles });
export const pm = as('pat', 'PROGRAM_MANAGER');

/**
 * Ids of everything each person stands in a relationship to. An owner owns an account with
 * one advocate and one nomination and has asked for a reference themselves; the requesters'
 * requests shortlist one advocate of each owner (so each owner approves one ask); every
 * request has an engagement of its own; everyone wished for one company.
 */
export const world = {
  account: { olga: 'acct-olga', otto: 'acct-otto' },
  advocate: { olga: 'adv-olga', otto: 'adv-otto' },
  nomination: { olga: 'nom-olga', otto: 'nom-otto' },
  request: { olga: 'req-olga', otto: 'req-otto', rita: 'req-rita', sam: 'req-sam' },
  /** The request whose ask waits for this owner's approval, and the advocate asked. */
  askFor: { olga: ['req-rita', 'adv-olga'], otto: ['req-sam', 'adv-otto'] },
  /** An engagement on a request of this person, and the advocate it binds. */
  engagement: {
    olga: ['eng-olga', 'adv-otto'],
    otto: ['eng-otto', 'adv-olga'],
    rita: ['eng-rita', 'adv-olga'],
    sam: ['eng-sam', 'adv-otto'],
  },
  wish: { olga: 'wish-olga', otto: 'wish-otto', rita: 'wish-rita', sam: 'wish-sam' },
} as const;

let counter = 0;
const cmd = (command: Omit<VouchCommand, 'commandId'>): VouchCommand =>
  ({ commandId: `setup-${++counter}`, ...command }) as VouchCommand;

/** A request of `by`, triaged, with the given advocates shortlisted and their owners asked. */
async function request(vouch: Vouch, by: Principal, requestId: string, shortlist: [string, string][]) {
  await vouch.execute(
    by,
    cmd({
      type: 'SubmitReferenceRequest',
      data: {
        requestId,
        department: 'SALES',
        kind: 'REFERENCE_CALL',
        advocatesNeeded: 1,
        opportunity: {
          opportunityId: `opp-${requestId}`,
          stage: 'EVALUATION',
          amount: { amount: 50000, currency: 'EUR' },
          industry: 'Manufacturing',
          region: 'EMEA',
          products: ['Planner'],
        },
        criteria: { territory: 'EMEA', channel: 'PRIVATE' },
        dueBy: addDays(NOW, 20),
      },
    }),
  );
  await vouch.execute(pm, cmd({ type: 'TriageRequest', aggregateId: requestId, data: { priority: 'HIGH' } }));
  if (shortlist.length === 0) return;
  await vouch.execute(
    pm,
    cmd({
      type: 'ShortlistCandidates',
      aggregateId: requestId,
      data: {
        candidates: shortlist.map(([advocateId, ownerId]) => ({
          advocateId,
          accountId: `acct-${ownerId}`,
          ownerId,
          score: 80,
          breakdown: [],
        })),
      },
    }),
  );
  for (const [advocateId] of shortlist) {
    await vouch.execute(
      pm,
      cmd({ type: 'RequestOwnerApproval', aggregateId: requestId, data: { advocateId } }),
    );
  }
}

/** Puts `someone`'s wish (back) on the wishlist; a wish already there stays as it is. */
export async function addWish(vouch: Vouch, someone: Someone): Promise<void> {
  const kind = OWNERS.includes(someone as never) ? 'ACCOUNT_OWNER' : 'REQUESTER';
  await vouch
    .execute(
      as(someone, kind),
      cmd({
        type: 'AddToWishlist',
        data: {
          wishId: world.wish[someone],
          accountName: `Wished by ${someone}`,
          industry: 'Retail',
          segment: 'ENTERPRISE',
          region: 'EMEA',
          products: ['Planner'],
          reason: 'Lighthouse customer in a new market',
        },
      }),
    )
    .catch((error: unknown) => {
      if (!isDomainError(error, 'ALREADY_EXISTS')) throw error;
    });
}

/** Builds the world of `world` through the facade, on a fresh in-memory store. */
export async function buildWorld(
  clock: () => Instant = () => NOW,
): Promise<{ vouch: Vouch; store: EventStore }> {
  const store = new InMemoryEventStore({ clock });
  const vouch = createVouch({ store, clock, dueWorkIntervalMs: 0 });
  await populateWorld(vouch);
  return { vouch, store };
}

/** Records the world of `world` in tenant TENANT through the facade (an API server's, too). */
export async function populateWorld(vouch: Vouch): Promise<void> {
  await vouch.execute(
    pm,
    cmd({
      type: 'SetFatiguePolicy',
      data: { windowDays: 90, maxPerWindow: 20, maxPerKindPerWindow: {}, minRestDays: 0 },
    }),
  );
  for (const owner of OWNERS) {
    await vouch.execute(
      pm,
      cmd({
        type: 'RegisterAccount',
        data: {
          accountId: world.account[owner],
          name: `${owner} Corp`,
          industry: 'Manufacturing',
          segment: 'ENTERPRISE',
          region: 'EMEA',
          products: ['Planner'],
          ownerId: owner,
        },
      }),
    );
    await vouch.execute(
      pm,
      cmd({ type: 'RecordAccountHealth', aggregateId: world.account[owner], data: { healthScore: 90 } }),
    );
    const advocateId = world.advocate[owner];
    await vouch.execute(
      pm,
      cmd({
        type: 'EnrolAdvocate',
        data: {
          advocateId,
          accountId: world.account[owner],
          name: `Advocate of ${owner}`,
          email: `${advocateId}@example.com`,
          title: 'Head of Operations',
          seniority: 'DIRECTOR',
          products: ['Planner'],
          useCases: ['planning'],
          languages: ['en'],
        },
      }),
    );
    await vouch.execute(pm, cmd({ type: 'ActivateAdvocate', aggregateId: advocateId, data: {} }));
    await vouch.execute(
      pm,
      cmd({
        type: 'GrantConsent',
        aggregateId: advocateId,
        data: {
          consentId: `consent-${owner}`,
          kinds: ['REFERENCE_CALL'],
          territories: ['EMEA'],
          channels: ['PRIVATE'],
          validFrom: NOW,
          validUntil: addDays(NOW, 365),
          collectionMethod: 'E_SIGNATURE',
          collectedAt: NOW,
          noticeVersion: 'v1',
        },
      }),
    );
    await vouch.execute(
      as(owner, 'ACCOUNT_OWNER'),
      cmd({
        type: 'SubmitNomination',
        data: {
          nominationId: world.nomination[owner],
          accountId: world.account[owner],
          candidateId: `cand-${owner}`,
          name: `Candidate of ${owner}`,
          email: `cand-${owner}@example.com`,
          title: 'CFO',
          seniority: 'C_LEVEL',
          products: ['Planner'],
          useCases: ['planning'],
          languages: ['en'],
          evidenceKind: 'NPS_PROMOTER',
          evidence: 'Gave us a 10 and praised the rollout.',
        },
      }),
    );
  }
  await request(vouch, as('olga', 'ACCOUNT_OWNER'), world.request.olga, []);
  await request(vouch, as('otto', 'ACCOUNT_OWNER'), world.request.otto, []);
  await request(vouch, as('rita', 'REQUESTER'), world.request.rita, [['adv-olga', 'olga']]);
  await request(vouch, as('sam', 'REQUESTER'), world.request.sam, [['adv-otto', 'otto']]);
  for (const someone of [...OWNERS, ...REQUESTERS]) {
    const [engagementId, advocateId] = world.engagement[someone];
    await vouch.execute(
      pm,
      cmd({
        type: 'ReserveEngagement',
        aggregateId: advocateId,
        data: {
          engagementId,
          requestId: world.request[someone],
          kind: 'REFERENCE_CALL',
          territory: 'EMEA',
          channel: 'PRIVATE',
          activityAt: addDays(NOW, 5),
          ownerClearance: { kind: 'OVERRIDE', by: 'pat', reason: 'test world' },
        },
      }),
    );
    await addWish(vouch, someone);
  }
  await vouch.execute(
    pm,
    cmd({
      type: 'DraftContent',
      data: {
        contentId: 'content-1',
        kind: 'CASE_STUDY',
        title: 'Planning in minutes',
        accountId: world.account.olga,
        holders: [{ holder: 'ADVOCATE', holderId: world.advocate.olga }],
        territory: 'EMEA',
        channel: 'WEB',
      },
    }),
  );
}

import { addDays } from '@vouch/domain';
import type { EventStore } from '@vouch/event-store';
import type { EnvelopeLog } from './replicated-history';
import { cmd, owner, pm, rep, otherRep, StoryWorld, TENANT } from './story-world';

const INDUSTRIES = ['Manufacturing', 'Retail', 'Healthcare', 'Finance', 'Logistics', 'Energy'];
const REGIONS = ['EMEA', 'NA', 'APAC', 'LATAM'];
const PRODUCTS = ['Planner', 'Tracker', 'Insights', 'Connect'];
const SENIORITIES = ['MANAGER', 'DIRECTOR', 'VP', 'C_LEVEL'];
const LANGUAGES = ['en', 'de', 'fr', 'es', 'ja'];
const USE_CASES = ['shop-floor planning', 'inventory', 'forecasting', 'compliance', 'onboarding'];
const ADVOCATES_PER_ACCOUNT = 10;
const REQUESTS_PER_WAVE = 500;

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;

/** How big a generated program is. */
export interface ProgramHistoryOptions {
  readonly advocates: number;
  /** Reference requests, each run from submission to a won outcome with its own advocate. */
  readonly requests: number;
}

/**
 * A reference program's history at scale, decided by the domain's deciders (so every
 * event is one the domain can produce): accounts of ten advocates each, every advocate
 * nominated, approved, enrolled, activated and consented; then requests in waves of 500,
 * each shortlisted, approved by the owner, asked, accepted, scheduled, completed, rated
 * and won. About 7 events per advocate and 17 per request.
 */
export function programHistory(options: ProgramHistoryOptions): StoryWorld {
  const world = new StoryWorld();
  world.setPolicies();
  for (let i = 0; i < options.advocates; i++) {
    const account = Math.floor(i / ADVOCATES_PER_ACCOUNT);
    if (i % ADVOCATES_PER_ACCOUNT === 0) {
      world.registerAccount(
        `acct-${account}`,
        `Account ${account}`,
        pick(INDUSTRIES, account),
        pick(REGIONS, account),
        [pick(PRODUCTS, account), pick(PRODUCTS, account + 1)],
      );
    }
    world.nominateAndEnrol(`adv-${i}`, `acct-${account}`, {
      name: `Advocate ${i}`,
      title: 'Head of Operations',
      seniority: pick(SENIORITIES, i),
      products: [pick(PRODUCTS, account)],
      useCases: [pick(USE_CASES, i)],
      languages: [pick(LANGUAGES, i), 'en'],
      topics: [pick(USE_CASES, i + 1)],
    });
    world.grantConsent(`adv-${i}`, `consent-${i}`, ['REFERENCE_CALL', 'CASE_STUDY'], 3 * 365);
  }
  for (let wave = 0; wave * REQUESTS_PER_WAVE < options.requests; wave++) {
    const first = wave * REQUESTS_PER_WAVE;
    const size = Math.min(REQUESTS_PER_WAVE, options.requests - first);
    const at = addDays(world.now, 5);
    for (let r = first; r < first + size; r++) askAndAccept(world, r, options.advocates, at);
    world.advance(6);
    for (let r = first; r < first + size; r++) completeAndWin(world, r, options.advocates, at);
  }
  return world;
}

function askAndAccept(world: StoryWorld, r: number, advocates: number, at: string): void {
  const requestId = `req-${r}`;
  const advocateId = `adv-${r % advocates}`;
  const accountId = `acct-${Math.floor((r % advocates) / ADVOCATES_PER_ACCOUNT)}`;
  const requester = r % 2 === 0 ? rep : otherRep;
  world.request(
    requestId,
    cmd('SubmitReferenceRequest', {
      requestId,
      department: 'SALES',
      kind: 'REFERENCE_CALL',
      advocatesNeeded: 1,
      opportunity: {
        opportunityId: `opp-${r}`,
        stage: 'EVALUATION',
        amount: { amount: 50_000 + (r % 20) * 10_000, currency: 'EUR' },
        industry: pick(INDUSTRIES, r),
        region: 'EMEA',
        products: [pick(PRODUCTS, r)],
      },
      criteria: { languages: ['en'], territory: 'EMEA', channel: 'PRIVATE' },
      dueBy: addDays(world.now, 14),
    }),
    requester,
  );
  world.request(requestId, cmd('TriageRequest', { priority: r % 3 === 0 ? 'HIGH' : 'NORMAL' }));
  world.request(
    requestId,
    cmd('ShortlistCandidates', {
      candidates: [{ advocateId, accountId, ownerId: owner.userId, score: 80 + (r % 20), breakdown: [] }],
    }),
  );
  world.request(requestId, cmd('RequestOwnerApproval', { advocateId }));
  world.request(requestId, cmd('ApproveAsk', { advocateId }), owner);
  world.advocate(
    advocateId,
    cmd('ReserveEngagement', {
      engagementId: `eng-${r}`,
      requestId,
      kind: 'REFERENCE_CALL',
      territory: 'EMEA',
      channel: 'PRIVATE',
      activityAt: at,
      ownerClearance: { kind: 'OWNER', by: owner.userId },
    }),
  );
  world.request(requestId, cmd('AskAdvocate', { advocateId, engagementId: `eng-${r}` }));
  world.advocate(advocateId, cmd('AcceptEngagement', { engagementId: `eng-${r}` }));
  world.request(requestId, cmd('RecordAdvocateResponse', { advocateId, accepted: true }));
  world.advocate(advocateId, cmd('ScheduleEngagement', { engagementId: `eng-${r}`, at }));
  world.request(requestId, cmd('ScheduleActivity', { advocateId, at }));
}

function completeAndWin(world: StoryWorld, r: number, advocates: number, at: string): void {
  const requestId = `req-${r}`;
  const advocateId = `adv-${r % advocates}`;
  const requester = r % 2 === 0 ? rep : otherRep;
  world.advocate(advocateId, cmd('CompleteEngagement', { engagementId: `eng-${r}`, completedAt: at }));
  world.request(requestId, cmd('CompleteActivity', { advocateId, completedAt: at }));
  world.request(requestId, cmd('RecordRequestFeedback', { advocateId, rating: 4 + (r % 2) }), requester);
  world.advocate(
    advocateId,
    cmd('RecordEngagementFeedback', { engagementId: `eng-${r}`, rating: 5 }),
    requester,
  );
  world.request(
    requestId,
    cmd('RecordOutcome', {
      result: r % 4 === 0 ? 'LOST' : 'WON',
      amount: { amount: 120_000, currency: 'EUR' },
    }),
    requester,
  );
}

/**
 * Appends a generated history through the store's own append path: each run of
 * consecutive events of one stream is one append, many appends in flight so group commit
 * writes large batches. Returns how many events were appended.
 */
export async function appendHistory(
  store: EventStore,
  world: Pick<StoryWorld, 'envelopes'> | { readonly envelopes: EnvelopeLog },
  inFlight = 256,
): Promise<number> {
  const { envelopes } = world;
  const pending = new Set<Promise<unknown>>();
  let i = 0;
  while (i < envelopes.length) {
    const streamId = envelopes[i]!.streamId;
    let j = i + 1;
    while (j < envelopes.length && envelopes[j]!.streamId === streamId) j++;
    const batch = envelopes.slice(i, j).map((e) => e.envelope);
    const append: Promise<unknown> = store
      .append(TENANT, streamId, batch, { expectedVersion: 'any' })
      .then(() => pending.delete(append));
    pending.add(append);
    if (pending.size >= inFlight) await Promise.race(pending);
    i = j;
  }
  await Promise.all(pending);
  return envelopes.length;
}

export { pm, TENANT };

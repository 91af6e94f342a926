import { addDays, type OpportunityStage } from '@vouch/domain';
import {
  ACCOUNT_OWNERS,
  COMPETITORS,
  DEPARTMENT_WEIGHTS,
  INDUSTRIES,
  PRODUCTS,
  REGION_WEIGHTS,
  REQUESTERS,
  SEGMENT_WEIGHTS,
} from '../demo-catalogue';
import { CHANNEL_OF, DEAL_SIZE, KINDS_BY_DEPARTMENT } from '../demo-rules';
import {
  accountOf,
  advocateOf,
  type DemoWorld,
  later,
  pm,
  principal,
  type RequestModel,
  soon,
} from '../demo-world';
import { clearAsk } from './engagements';

/** A requester of a random department submits a request; most are triaged the next day. */
export async function submitRequest(world: DemoWorld): Promise<void> {
  const department = world.rng.weighted(DEPARTMENT_WEIGHTS);
  const kind = world.rng.weighted(KINDS_BY_DEPARTMENT[department]);
  const requester = principal(world.tenantId, world.rng.pick(REQUESTERS[department]), 'REQUESTER');
  const industry = world.rng.pick(INDUSTRIES);
  const region = world.rng.weighted(REGION_WEIGHTS);
  const segment = world.rng.weighted(SEGMENT_WEIGHTS);
  const [low, high] = DEAL_SIZE[segment];
  const dealLike = department === 'SALES' || department === 'CUSTOMER_SUCCESS';
  const amount = dealLike ? Math.round(world.rng.int(low, high) / 1000) * 1000 : 0;
  const products = world.rng.sample(PRODUCTS, world.rng.int(1, 2));
  const request: RequestModel = {
    id: `req-${world.requests.length + 1}`,
    requester,
    department,
    kind,
    territory: region,
    channel: CHANNEL_OF[kind],
    dueBy: addDays(world.clock.now(), world.rng.int(21, 35)),
    amount,
    needed: kind === 'ADVISORY_BOARD' || (dealLike && world.rng.chance(0.12)) ? 2 : 1,
    open: true,
    lapseSettled: false,
    outcomePlanned: false,
    shortlists: 0,
    candidates: new Map(),
  };
  world.requests.push(request);
  soon(world);
  await world.run.run(requester, {
    type: 'SubmitReferenceRequest',
    data: {
      requestId: request.id,
      department,
      kind,
      advocatesNeeded: request.needed,
      opportunity: {
        opportunityId: `opp-${world.requests.length}`,
        stage: world.rng.pick<OpportunityStage>(['DISCOVERY', 'EVALUATION', 'PROPOSAL', 'NEGOTIATION']),
        amount: { amount, currency: 'USD' },
        industry,
        region,
        products,
        ...(dealLike && world.rng.chance(0.4) ? { competitor: world.rng.pick(COMPETITORS) } : {}),
      },
      criteria: {
        ...(world.rng.chance(0.4) ? { industries: [industry] } : {}),
        ...(world.rng.chance(0.35) ? { products } : {}),
        ...(world.rng.chance(0.1) ? { minSeniority: 'DIRECTOR' as const } : {}),
        territory: region,
        channel: request.channel,
      },
      dueBy: request.dueBy,
      ...(world.rng.chance(0.3) ? { notes: 'The buyer wants a peer who ran the same migration.' } : {}),
    },
  });
  // A few are never triaged in time and lapse: the SLA metrics show it.
  if (world.rng.chance(0.03)) return;
  later(world, world.rng.int(0, 1) || 1, () => triage(world, request));
}

/** A program manager triages a request by deal size, then shortlists. */
export async function triage(world: DemoWorld, request: RequestModel): Promise<void> {
  soon(world);
  await world.run.run(pm(world), {
    type: 'TriageRequest',
    aggregateId: request.id,
    data: {
      priority: request.amount >= 400_000 ? 'URGENT' : request.amount >= 150_000 ? 'HIGH' : 'NORMAL',
    },
  });
  await shortlist(world, request);
}

/** Shortlists the best available matches (and now and then a rep's favourite); with none, some requesters give up. */
export async function shortlist(world: DemoWorld, request: RequestModel): Promise<void> {
  const lead = pm(world);
  request.shortlists += 1;
  const active = [...request.candidates.values()].filter((step) => step !== 'GONE').length;
  const wanted = request.needed - active;
  if (!request.open || wanted <= 0) return;
  const chosen = await bestAvailable(world, lead, request, wanted);
  // Sales reps have favourites: now and then the rep's pocket reference goes on the list
  // too, and the fatigue gate decides whether they may be asked again.
  const favourite =
    request.department === 'SALES' && request.shortlists === 1 && world.rng.chance(0.15)
      ? world.advocates
          .filter((a) => a.status === 'ACTIVE' && a.consentLive && a.kinds.has(request.kind))
          .sort((a, b) => b.completed - a.completed || a.id.localeCompare(b.id))[0]
      : undefined;
  const candidates = chosen.map((c) => ({
    advocateId: c.advocateId,
    accountId: c.accountId,
    ownerId: c.ownerId ?? accountOf(world, c.advocateId)?.ownerId ?? ACCOUNT_OWNERS[0],
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
    if (world.rng.chance(0.4)) {
      later(world, world.rng.int(2, 6), async () => {
        soon(world);
        await world.run.run(request.requester, {
          type: 'CancelRequest',
          aggregateId: request.id,
          data: { reason: 'No advocate matched; the buyer took a peer review site instead.' },
        });
        request.open = false;
      });
    }
    return;
  }
  soon(world);
  await world.run.run(lead, { type: 'ShortlistCandidates', aggregateId: request.id, data: { candidates } });
  for (const c of candidates) {
    request.candidates.set(c.advocateId, 'SHORTLISTED');
    later(world, world.rng.int(1, 3), () => clearAsk(world, request, c.advocateId, c.ownerId));
  }
}

/**
 * The first `wanted` of the ten best available matches, leaving out advocates whose erasure
 * waits on a legal hold (they still match; the program leaves them be). A page of `k` is the
 * first `k` of every longer page, so the `wanted` best are asked for first, and the ten only
 * when one of them has to be left out: the same advocates, without ranking ten each time.
 */
async function bestAvailable(
  world: DemoWorld,
  lead: ReturnType<typeof pm>,
  request: RequestModel,
  wanted: number,
) {
  const keep = (c: { advocateId: string }) => advocateOf(world, c.advocateId)?.status !== 'ERASED';
  if (wanted < 10) {
    const few = await world.vouch.queries.matchCandidates(lead, request.id, undefined, wanted);
    if (few.available.every(keep)) return few.available;
  }
  const matches = await world.vouch.queries.matchCandidates(lead, request.id, undefined, 10);
  return matches.available.filter(keep).slice(0, wanted);
}

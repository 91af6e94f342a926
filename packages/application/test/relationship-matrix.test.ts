import { ROLES, isDomainError, type Role } from '@vouch/domain';
import type { EventStore } from '@vouch/event-store';
import type { Connection, RequestSummary } from '@vouch/projections';
import {
  COMMAND_ROUTES,
  PERMISSIONS,
  QUERY_NAMES,
  type Principal,
  type QueryName,
  readWholeStream,
  streamIdOf,
  type CommandType,
  type Vouch,
  type VouchCommand,
} from '../src';
import { NOW, TENANT, addWish, as, buildWorld, world, type Someone } from './support/relationship-world';

const COMMANDS = Object.keys(COMMAND_ROUTES) as CommandType[];
const RELATIONSHIPS = ['own', 'someone else’s', 'none'] as const;
type Relation = (typeof RELATIONSHIPS)[number];
type Verdict = 'allowed' | 'forbidden' | 'hidden';

/** Whose things a role's "own" and "someone else's" are. */
const PEOPLE: Partial<Record<Role, [Someone, Someone]>> = {
  ACCOUNT_OWNER: ['olga', 'otto'],
  REQUESTER: ['rita', 'sam'],
};
const ownerOf = (someone: Someone): 'olga' | 'otto' =>
  someone === 'olga' || someone === 'rita' ? 'olga' : 'otto';

const nomination = (nominationId: string, accountId: string) => ({
  nominationId,
  accountId,
  candidateId: `${nominationId}-candidate`,
  name: 'Nora Nominee',
  email: 'nora@example.com',
  title: 'CTO',
  seniority: 'C_LEVEL',
  products: ['Planner'],
  useCases: ['planning'],
  languages: ['en'],
  evidenceKind: 'NPS_PROMOTER',
  evidence: 'Gave us a 10 and praised the rollout.',
});

let fresh = 0;

/**
 * A command of `type` aimed at `someone`'s thing, and the same command aimed at an id that
 * does not exist (with the id it stands for, so their errors can be compared).
 */
function aimedAt(
  type: CommandType,
  someone: Someone,
): { command: VouchCommand; ghost: VouchCommand; id: string; streamId: string } {
  const route = COMMAND_ROUTES[type];
  const owner = ownerOf(someone);
  const n = ++fresh;
  const base = { type, commandId: `matrix-${n}` };
  const make = (aggregateId: string | undefined, data: Record<string, unknown>) =>
    ({ ...base, ...(aggregateId !== undefined ? { aggregateId } : {}), data }) as VouchCommand;
  const on = (
    aggregate: Parameters<typeof streamIdOf>[0],
    id: string,
    data: Record<string, unknown>,
    ghostData = data,
  ) => ({
    command: make(id, data),
    ghost: { ...make('ghost', ghostData), commandId: `ghost-${n}` } as VouchCommand,
    id,
    streamId: streamIdOf(aggregate, id),
  });
  switch (type) {
    case 'RemoveFromWishlist':
      return {
        command: make(undefined, { wishId: world.wish[someone], reason: 'not needed' }),
        ghost: {
          ...make(undefined, { wishId: 'ghost', reason: 'not needed' }),
          commandId: `ghost-${n}`,
        } as VouchCommand,
        id: world.wish[someone],
        streamId: 'program',
      };
    case 'RegisterAccount':
      return on('Account', `new-account-${n}`, {
        accountId: `new-account-${n}`,
        name: 'New',
        industry: 'Retail',
        segment: 'SMB',
        region: 'EMEA',
        products: [],
        ownerId: owner,
      });
    case 'SubmitNomination':
      return {
        command: make(undefined, nomination(`new-nom-${n}`, world.account[owner])),
        ghost: {
          ...make(undefined, nomination(`ghost-nom-${n}`, 'ghost')),
          commandId: `ghost-${n}`,
        } as VouchCommand,
        id: world.account[owner],
        streamId: streamIdOf('Nomination', `new-nom-${n}`),
      };
    case 'DelegateAccount':
      return on('Account', world.account[owner], {
        delegateId: `dan-${n}`,
        until: '2026-12-01T00:00:00.000Z',
        reason: 'leave',
      });
    case 'RevokeAccountDelegation':
      return on('Account', world.account[owner], { delegateId: 'dan' });
    case 'RecordEngagementFeedback': {
      const [engagementId, advocateId] = world.engagement[someone];
      return on('Advocate', advocateId, { engagementId, rating: 1 });
    }
    case 'UseContent':
      // A content use is the requester's through the request it names.
      return on('ContentAsset', 'content-1', { where: 'deck', requestId: world.request[someone] });
    case 'ApproveAsk':
    case 'DeclineAsk': {
      const [requestId, advocateId] = world.askFor[owner];
      return on('ReferenceRequest', requestId, { advocateId, reason: 'not now' });
    }
    default:
      break;
  }
  if (route.createsWith) return on(route.aggregate, `new-${n}`, { [route.createsWith]: `new-${n}` });
  switch (route.aggregate) {
    case 'Program':
      return { command: make(undefined, {}), ghost: make(undefined, {}), id: 'program', streamId: 'program' };
    case 'Account':
      return on('Account', world.account[owner], {});
    case 'Advocate':
      return on('Advocate', world.advocate[owner], {});
    case 'Nomination':
      return on('Nomination', world.nomination[owner], {});
    case 'ReferenceRequest':
      return on('ReferenceRequest', world.request[someone], {});
    case 'ContentAsset':
      return on('ContentAsset', 'content-1', {});
  }
}

/** An error as a caller meets it, with the id it is about replaced, so two can be compared. */
function shape(error: unknown, id: string, replaced: string): string {
  if (!isDomainError(error)) return `not a domain error: ${String(error)}`;
  return JSON.stringify({ code: error.code, message: error.message, details: error.details })
    .split(replaced)
    .join(id);
}

const everyone = as('root', ...ROLES);

describe('role × relationship × every command, on the facade (invariant 11)', () => {
  let vouch: Vouch;
  let store: EventStore;
  beforeAll(async () => ({ vouch, store } = await buildWorld()));
  afterAll(() => store.close());
  const version = async (streamId: string) => (await readWholeStream(store, TENANT, streamId)).length;

  const cases = COMMANDS.flatMap((type) =>
    ROLES.flatMap((role) => RELATIONSHIPS.map((relation) => [type, role, relation] as const)),
  );

  function expected(type: CommandType, role: Role, relation: Relation): Verdict {
    const grant = PERMISSIONS[type][role];
    if (grant === undefined) return 'forbidden';
    if (grant.includes('ANY') || relation === 'own') return 'allowed';
    // Creating something in someone else's name is refused outright: no existence is at stake.
    return type === 'RegisterAccount' ? 'forbidden' : 'hidden';
  }

  it.each(cases)('%s as %s on %s', async (type, role, relation) => {
    const [mine, theirs] = PEOPLE[role] ?? ['olga', 'otto'];
    const userId = relation === 'none' ? 'nobody' : mine;
    const subject = relation === 'someone else’s' ? theirs : mine;
    // A wish taken back earlier in the matrix is put back, so each case meets the same world.
    if (type === 'RemoveFromWishlist') await addWish(vouch, subject);
    const target = aimedAt(type, subject);
    const before = await version(target.streamId);
    let verdict: Verdict = 'allowed';
    try {
      await vouch.execute(as(userId, role), target.command);
    } catch (error) {
      if (isDomainError(error, 'FORBIDDEN') && error.details.operation === type) verdict = 'forbidden';
      else {
        // The same command on an id that does not exist, by someone who may do anything.
        const missing = await vouch.execute(everyone, target.ghost).then(
          () => undefined,
          (ghostError: unknown) => ghostError,
        );
        if (
          isDomainError(error, 'NOT_FOUND') &&
          shape(error, target.id, 'ghost') === shape(missing, target.id, 'ghost')
        )
          verdict = 'hidden';
      }
    }
    expect(verdict).toBe(expected(type, role, relation));
    if (verdict !== 'allowed') expect(await version(target.streamId)).toBe(before);
  });

  it('the world was built as of NOW', () => expect(NOW).toBe('2026-11-23T09:00:00.000Z'));
});

type QueryVerdict = 'answered' | 'forbidden' | 'hidden';

/** Each query aimed at `someone`'s thing (the caller may or may not stand to it), and at an id that does not exist. */
function queryAt(
  name: QueryName,
  someone: Someone,
): { run: (p: Principal, vouch: Vouch) => Promise<unknown>; id: string } {
  const owner = ownerOf(someone);
  const request = world.request[someone];
  const ask = owner === 'olga' ? world.askFor.olga[0] : world.askFor.otto[0];
  const q = (vouch: Vouch) => vouch.queries;
  switch (name) {
    case 'account':
      return { id: world.account[owner], run: (p, v) => q(v).account(p, world.account[owner]) };
    case 'nomination':
      return { id: world.nomination[owner], run: (p, v) => q(v).nomination(p, world.nomination[owner]) };
    case 'request':
      return { id: request, run: (p, v) => q(v).request(p, request) };
    case 'callInvitation':
      return { id: request, run: (p, v) => q(v).callInvitation(p, request, 'x') };
    case 'matchCandidates':
      return { id: request, run: (p, v) => q(v).matchCandidates(p, request) };
    case 'requests':
      return { id: request, run: (p, v) => q(v).requests(p, {}, { first: 100 }) };
    case 'advocate':
      return { id: world.advocate[owner], run: (p, v) => q(v).advocate(p, world.advocate[owner]) };
    case 'searchAdvocates':
      return { id: '', run: (p, v) => q(v).searchAdvocates(p, {}) };
    case 'selfServePool':
      return { id: '', run: (p, v) => q(v).selfServePool(p, 'REFERENCE_CALL') };
    case 'availability':
      return {
        id: world.advocate[owner],
        run: (p, v) => q(v).availability(p, { advocateId: world.advocate[owner], kind: 'REFERENCE_CALL' }),
      };
    case 'program':
      return { id: '', run: (p, v) => q(v).program(p) };
    case 'content':
      return { id: 'content-1', run: (p, v) => q(v).content(p, 'content-1') };
    case 'auditTrail':
      return { id: ask, run: (p, v) => q(v).auditTrail(p, 'request', ask) };
    case 'subjectAsOf':
      return { id: ask, run: (p, v) => q(v).subjectAsOf(p, 'request', ask, NOW) };
    case 'verifyIntegrity':
      return { id: '', run: (p, v) => q(v).verifyIntegrity(p) };
    case 'programMetrics':
      return { id: '', run: (p, v) => q(v).programMetrics(p) };
    // Program intelligence: tenant-wide answers, no subject to hide.
    case 'programAssessment':
      return { id: '', run: (p, v) => q(v).intelligence.assessment(p) };
    case 'launchCoveragePlan':
      return {
        id: '',
        run: (p, v) =>
          q(v).intelligence.launchCoveragePlan(p, {
            name: 'L',
            products: ['Planner'],
            launchDate: '2027-01-01T00:00:00.000Z',
            cells: [{ segment: 'SMB', region: 'NA', expectedOpportunities: 1 }],
          }),
      };
    case 'contentUsage':
      return { id: '', run: (p, v) => q(v).intelligence.contentUsage(p) };
    case 'executiveDigest':
      return { id: '', run: (p, v) => q(v).intelligence.executiveDigest(p, '2026-01-01T00:00:00.000Z') };
    case 'nominatorLeaderboard':
      return { id: '', run: (p, v) => q(v).intelligence.nominatorLeaderboard(p) };
    case 'tenantAuditTrail':
      return { id: '', run: (p, v) => q(v).tenantAuditTrail(p) };
    // Tenant-wide, no subject to hide: "none yet" (no digest signed, no such job) is an answer.
    case 'signedDigest':
      return {
        id: '',
        run: (p, v) =>
          q(v)
            .signedDigest(p)
            .then((d) => d ?? 'none yet'),
      };
    case 'integrityVerification':
      return {
        id: '',
        run: (p, v) =>
          q(v)
            .integrityVerification(p, 'no-such-job')
            .then((job) => job ?? 'none yet'),
      };
  }
}

describe('role × relationship × every query, on the facade (invariant 11)', () => {
  let vouch: Vouch;
  let store: EventStore;
  beforeAll(async () => ({ vouch, store } = await buildWorld()));
  afterAll(() => store.close());

  const cases = QUERY_NAMES.flatMap((name) =>
    ROLES.flatMap((role) => RELATIONSHIPS.map((relation) => [name, role, relation] as const)),
  );

  function expected(name: QueryName, role: Role, relation: Relation): QueryVerdict {
    const grant = PERMISSIONS[name][role];
    if (grant === undefined) return 'forbidden';
    return grant.includes('ANY') || relation === 'own' ? 'answered' : 'hidden';
  }

  it.each(cases)('%s as %s on %s', async (name, role, relation) => {
    const [mine, theirs] = PEOPLE[role] ?? ['olga', 'otto'];
    const principal = as(relation === 'none' ? 'nobody' : mine, role);
    const target = queryAt(name, relation === 'someone else’s' ? theirs : mine);
    let verdict: QueryVerdict = 'answered';
    try {
      const answer = await target.run(principal, vouch);
      if (name === 'requests') {
        const ids = (answer as Connection<RequestSummary>).edges.map((edge) => edge.node.request.requestId);
        if (!ids.includes(target.id)) verdict = 'hidden';
        // A visible request with no picked call answers null; a hidden one is NOT_FOUND.
      } else if ((answer === undefined || answer === null) && name !== 'callInvitation') verdict = 'hidden';
    } catch (error) {
      if (isDomainError(error, 'FORBIDDEN') && error.details.operation === name) verdict = 'forbidden';
      else if (isDomainError(error, 'NOT_FOUND')) {
        // Hidden exactly as a request that does not exist is.
        const missing = await queryAt(name, mine)
          .run(as('root', ...ROLES), vouch)
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        expect(missing).toBeUndefined();
        const ghost = await vouch.queries
          .matchCandidates(as('root', ...ROLES), 'ghost')
          .catch((e: unknown) => e);
        if (shape(error, target.id, 'ghost') === shape(ghost, target.id, 'ghost')) verdict = 'hidden';
      } else throw error;
    }
    expect(verdict).toBe(expected(name, role, relation));
  });

  it('a query on an id that does not exist answers the same nothing', async () => {
    const root = as('root', ...ROLES);
    expect(await vouch.queries.account(root, 'ghost')).toBeUndefined();
    expect(await vouch.queries.nomination(root, 'ghost')).toBeUndefined();
    expect(await vouch.queries.request(root, 'ghost')).toBeUndefined();
  });

  it('an account owner sees their own accounts’ advocates in full and others’ anonymised, like any requester', async () => {
    const olga = as('olga', 'ACCOUNT_OWNER');
    expect(await vouch.queries.advocate(olga, world.advocate.olga)).toMatchObject({
      view: 'FULL',
      contact: { email: 'adv-olga@example.com' },
    });
    const other = await vouch.queries.advocate(olga, world.advocate.otto);
    expect(other).toMatchObject({ view: 'ANONYMISED' });
    expect(JSON.stringify(other)).not.toContain('adv-otto@example.com');
  });
});

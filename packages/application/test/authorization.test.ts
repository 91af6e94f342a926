import { ROLES, isDomainError, type Role } from '@vouch/domain';
import { InMemoryEventStore } from '@vouch/event-store';
import {
  COMMAND_ROUTES,
  INTEGRITY_OPERATIONS,
  PERMISSIONS,
  QUERY_NAMES,
  createVouch,
  isAllowed,
  type Principal,
  type VouchCommand,
} from '../src';

const commandTypes = Object.keys(COMMAND_ROUTES) as (keyof typeof COMMAND_ROUTES)[];

describe('authorization lives in the application layer', () => {
  const store = new InMemoryEventStore({ clock: () => '2026-11-23T09:00:00.000Z' });
  const vouch = createVouch({ store, clock: () => '2026-11-23T09:00:00.000Z', dueWorkIntervalMs: 0 });
  afterAll(() => store.close());

  const cases = commandTypes.flatMap((type) => ROLES.map((role) => [type, role] as const));

  it.each(cases)(
    '%s as %s is allowed or refused exactly as the permission table says',
    async (type, role: Role) => {
      const principal: Principal = { tenantId: 't1', userId: `user-${role}`, roles: [role] };
      const command = {
        type,
        commandId: `cmd-${type}-${role}`,
        aggregateId: 'x1',
        data: {},
      } as unknown as VouchCommand;
      let refusedByTable = false;
      try {
        await vouch.execute(principal, command);
      } catch (error) {
        // The table's refusal names the operation; the domain may refuse for its own reasons.
        refusedByTable = isDomainError(error, 'FORBIDDEN') && error.details.operation === type;
      }
      expect(refusedByTable).toBe(!isAllowed(principal, type));
    },
  );

  const queries: Record<string, (principal: Principal) => Promise<unknown>> = {
    program: (p) => vouch.queries.program(p),
    account: (p) => vouch.queries.account(p, 'a1'),
    advocate: (p) => vouch.queries.advocate(p, 'x1'),
    searchAdvocates: (p) => vouch.queries.searchAdvocates(p, {}),
    selfServePool: (p) => vouch.queries.selfServePool(p, 'REFERENCE_CALL'),
    availability: (p) => vouch.queries.availability(p, { advocateId: 'x1', kind: 'REFERENCE_CALL' }),
    matchCandidates: (p) => vouch.queries.matchCandidates(p, 'r1'),
    request: (p) => vouch.queries.request(p, 'r1'),
    requests: (p) => vouch.queries.requests(p),
    callInvitation: (p) => vouch.queries.callInvitation(p, 'r1', 'x1'),
    auditTrail: (p) => vouch.queries.auditTrail(p, 'advocate', 'x1'),
    subjectAsOf: (p) => vouch.queries.subjectAsOf(p, 'advocate', 'x1', '2026-11-23T09:00:00.000Z'),
    verifyIntegrity: (p) => vouch.queries.verifyIntegrity(p),
    programMetrics: (p) => vouch.queries.programMetrics(p),
    programAssessment: (p) => vouch.queries.intelligence.assessment(p),
    launchCoveragePlan: (p) =>
      vouch.queries.intelligence.launchCoveragePlan(p, {
        name: 'L',
        products: ['Planner'],
        launchDate: '2027-01-01T00:00:00.000Z',
        cells: [{ segment: 'SMB', region: 'NA', expectedOpportunities: 1 }],
      }),
    contentUsage: (p) => vouch.queries.intelligence.contentUsage(p),
    executiveDigest: (p) => vouch.queries.intelligence.executiveDigest(p, '2026-01-01T00:00:00.000Z'),
    nominatorLeaderboard: (p) => vouch.queries.intelligence.nominatorLeaderboard(p),
    nomination: (p) => vouch.queries.nomination(p, 'n1'),
    content: (p) => vouch.queries.content(p, 'c1'),
    tenantAuditTrail: (p) => vouch.queries.tenantAuditTrail(p),
    signedDigest: (p) => vouch.queries.signedDigest(p),
    integrityVerification: (p) => vouch.queries.integrityVerification(p, 'job-1'),
  };
  const queryCases = Object.keys(queries).flatMap((name) => ROLES.map((role) => [name, role] as const));

  it.each(queryCases)(
    'query %s as %s is answered or refused exactly as the permission table says',
    async (name, role: Role) => {
      const principal: Principal = { tenantId: 't1', userId: `user-${role}`, roles: [role] };
      let refusedByTable = false;
      try {
        await queries[name]!(principal);
      } catch (error) {
        refusedByTable = isDomainError(error, 'FORBIDDEN') && error.details.operation === name;
      }
      expect(refusedByTable).toBe(!isAllowed(principal, name as never));
    },
  );

  const integrity = INTEGRITY_OPERATIONS.flatMap((name) => ROLES.map((role) => [name, role] as const));

  it.each(integrity)(
    '%s as %s is allowed or refused exactly as the permission table says',
    async (name, role) => {
      const principal: Principal = { tenantId: 't1', userId: `user-${role}`, roles: [role] };
      let refusedByTable = false;
      try {
        await (name === 'signDigest'
          ? vouch.signDigest(principal, `c-${role}`)
          : vouch.startIntegrityVerification(principal, `c-${role}`));
      } catch (error) {
        refusedByTable = isDomainError(error, 'FORBIDDEN') && error.details.operation === name;
      }
      expect(refusedByTable).toBe(!isAllowed(principal, name));
    },
  );

  it('the matrix covers every query of the table', () => {
    expect(Object.keys(queries).sort()).toEqual([...QUERY_NAMES].sort());
  });

  it('every role has something to do, and auditors only read', () => {
    for (const role of ROLES) {
      expect(Object.values(PERMISSIONS).some((grant) => grant[role] !== undefined)).toBe(true);
    }
    expect(commandTypes.filter((type) => PERMISSIONS[type].AUDITOR !== undefined)).toEqual([]);
  });

  it('a user of one tenant reaches nothing of another', async () => {
    const pmA: Principal = { tenantId: 'tenant-a', userId: 'pm-a', roles: ['PROGRAM_MANAGER'] };
    const pmB: Principal = { tenantId: 'tenant-b', userId: 'pm-b', roles: ['PROGRAM_MANAGER'] };
    await vouch.execute(pmA, {
      type: 'RegisterAccount',
      commandId: 'reg-a',
      data: {
        accountId: 'shared-id',
        name: 'A Corp',
        industry: 'Retail',
        segment: 'SMB',
        region: 'NA',
        products: [],
        ownerId: 'pm-a',
      },
    });
    await expect(
      vouch.execute(pmB, {
        type: 'ArchiveAccount',
        commandId: 'archive-b',
        aggregateId: 'shared-id',
        data: { reason: 'x' },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await store.readStream('tenant-b', 'account-shared-id')).toEqual([]);
    expect(await store.readStream('tenant-a', 'account-shared-id')).toHaveLength(1);
  });
});

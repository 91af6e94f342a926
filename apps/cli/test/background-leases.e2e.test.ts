import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVouch, type Principal, type Vouch, type VouchCommand } from '@vouch/application';
import { PostgresEventStore } from '@vouch/event-store-postgres';
import { startPostgresTestServer, type PostgresTestServer } from '@vouch/event-store-postgres/testing';
import { spawnCli, type CliProcess } from './support/cli-process';

// Three `vouch serve` processes on one PostgreSQL database: one runs the tenant's
// background work (process managers, due work, read-model writes) under a lease, the
// others serve. kill -9 the holder and another takes over within the lease time; a
// reaction whose trigger arrived while no one held the lease is done after the take-over,
// once.

const TENANT = 'demo';
const TTL_SECONDS = 2;
const HOLDS = 'this instance holds the lease: background work started';

const pm: Principal = { tenantId: TENANT, userId: 'pat-pm', roles: ['PROGRAM_MANAGER'] };
const owner: Principal = { tenantId: TENANT, userId: 'olga-ae', roles: ['ACCOUNT_OWNER'] };

let server: PostgresTestServer;
let store: PostgresEventStore;
let client: Vouch;
const masterKey = randomBytes(32);
const root = mkdtempSync(join(tmpdir(), 'vouch-leases-'));

beforeAll(async () => {
  // Its own server: `vouch serve` works in the default schema.
  server = await startPostgresTestServer({ useDatabaseUrl: false });
  store = await PostgresEventStore.open({ connectionString: server.url, masterKey });
  // The test's own client of the store, never started: it only issues commands.
  client = createVouch({ store });
}, 120_000);

afterAll(async () => {
  await store?.close();
  await server?.stop();
  rmSync(root, { recursive: true, force: true });
});

const holdCount = (p: CliProcess) => p.stdout().split(HOLDS).length - 1;

async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs: number,
): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return Date.now() - started;
}

let ids = 0;
const run = (principal: Principal, command: Omit<VouchCommand, 'commandId'>) =>
  client.execute(principal, { commandId: `lease-test-${++ids}`, ...command } as VouchCommand);

/** Approves a nomination: the enrol-approved-nominee process manager (background work) enrols the advocate. */
async function approveNomination(n: number): Promise<string> {
  const advocateId = `adv-lease-${n}`;
  const nominationId = `nom-lease-${n}`;
  await run(owner, {
    type: 'SubmitNomination',
    data: {
      nominationId,
      accountId: 'acc-lease',
      candidateId: advocateId,
      name: `Advocate ${n}`,
      email: `advocate-${n}@northwind.example`,
      phone: '+44 20 7946 0000',
      title: 'Director of Planning',
      seniority: 'DIRECTOR',
      products: ['Planner'],
      useCases: ['planning'],
      languages: ['en'],
      topics: ['leases'],
      evidenceKind: 'NPS_PROMOTER',
      evidence: 'NPS 10 in the last survey',
    },
  } as unknown as VouchCommand);
  await run(pm, {
    type: 'ApproveNomination',
    aggregateId: nominationId,
    data: {},
  } as unknown as VouchCommand);
  return advocateId;
}

const advocateEvents = async (advocateId: string) =>
  (await store.readStream(TENANT, `advocate-${advocateId}`)).map((e) => e.type);

describe('vouch serve on one PostgreSQL database, three instances', () => {
  it('one instance at a time runs the background work; kill -9 hands it on within the lease time, nothing skipped or done twice', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const env = {
      VOUCH_STORE: 'postgres',
      DATABASE_URL: server.url,
      VOUCH_ENVIRONMENT: 'production',
      VOUCH_MASTER_KEY: masterKey.toString('base64'),
      VOUCH_JWT_SECRET: randomBytes(32).toString('base64'),
      VOUCH_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      VOUCH_LEASE_TTL: String(TTL_SECONDS),
    };
    await run(owner, {
      type: 'RegisterAccount',
      data: {
        accountId: 'acc-lease',
        name: 'Northwind Traders',
        industry: 'Logistics',
        segment: 'ENTERPRISE',
        region: 'EMEA',
        products: ['Planner'],
        ownerId: 'olga-ae',
      },
    } as unknown as VouchCommand);
    await run(owner, {
      type: 'RecordAccountHealth',
      aggregateId: 'acc-lease',
      data: { healthScore: 91 },
    } as unknown as VouchCommand);

    const instances: CliProcess[] = [];
    const origins = new Map<CliProcess, string>();
    try {
      // One after the other: the migrations of the first are done before the next opens.
      for (let i = 0; i < 3; i += 1) {
        const instance = spawnCli(['serve', '--port', '0', '--data-dir', join(root, `i${i}`)], env);
        instances.push(instance);
        const [, origin] = (await instance.waitFor(/Vouch API: (http:\/\/[^/\s]+)\/graphql/, 90_000)) as [
          string,
          string,
        ];
        origins.set(instance, origin);
      }
      await until(() => instances.some((p) => holdCount(p) > 0), 'a holder', 30_000);
      // Give the others every chance to (wrongly) start the background work too.
      await new Promise((resolve) => setTimeout(resolve, 2 * TTL_SECONDS * 1000));
      expect(instances.map(holdCount).sort()).toEqual([0, 0, 1]);

      const first = await approveNomination(1);
      await until(async () => (await advocateEvents(first)).length > 0, 'the first enrolment', 20_000);

      let alive = [...instances];
      const handOver = async (): Promise<number> => {
        const holder = alive.find((p) => holdCount(p) === 1)!;
        holder.child.kill('SIGKILL');
        await holder.exited;
        alive = alive.filter((p) => p !== holder);
        const killedAt = Date.now();
        // Approved while no process holds the lease: the next holder must still react to it.
        const advocateId = await approveNomination(10 + alive.length);
        await until(() => alive.some((p) => holdCount(p) === 1), 'the take-over', 30_000);
        const takeOverMs = Date.now() - killedAt;
        await until(async () => (await advocateEvents(advocateId)).length > 0, 'the enrolment', 20_000);
        return takeOverMs;
      };
      const takeOvers = [await handOver(), await handOver()];
      // The lease runs out TTL after the holder's last renewal; the successor polls every TTL/5.
      for (const ms of takeOvers) expect(ms).toBeLessThan(TTL_SECONDS * 1000 + 3000);

      await new Promise((resolve) => setTimeout(resolve, TTL_SECONDS * 1000));
      // Each instance started the background work at most once, and one after the other.
      // Three holders, one after the other: each instance started the background work once.
      expect(instances.map(holdCount)).toEqual([1, 1, 1]);
      const [lease] = await store.database.query<{ token: string }>(
        'lease',
        `SELECT token FROM ${store.database.schema}.leases WHERE name = $1`,
        [`vouch:background:${TENANT}`],
      );
      expect(Number(lease!.token)).toBe(3);
      // The survivor's /metrics: the enrolment process manager has nothing left to do.
      const metrics = await (await fetch(`${origins.get(alive[0]!)}/metrics`)).text();
      expect(metrics).toContain(
        `vouch_process_manager_lag_events{tenant="${TENANT}",manager="enrol-approved-nominee"} 0`,
      );
      // Every approved nomination enrolled exactly one advocate, exactly once.
      for (const advocateId of [first, 'adv-lease-12', 'adv-lease-11']) {
        expect(await advocateEvents(advocateId)).toEqual(['AdvocateEnrolled']);
      }
    } finally {
      for (const instance of instances) if (instance.child.exitCode === null) instance.child.kill('SIGTERM');
      await Promise.all(instances.map((p) => p.exited));
    }
  }, 300_000);
});

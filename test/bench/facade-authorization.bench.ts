/**
 * Authorization benchmark (a script, not a test): commands per second through the facade,
 * and stream reads per command, with and without the relationship check, in one process:
 *   1. raw: `store.append` of one event with its expected version — the baseline;
 *   2. a program manager's commands — the role alone decides (what every command did before
 *      relationships: no facts are loaded, no CASL check runs);
 *   3. the same commands by the account owner on their own account / advocate — role and
 *      relationship, decided against the state the handler loads.
 * Each workload has its own accounts and advocates, so every stream grows alike; the
 * workloads take turns in batches of BATCH commands, ROUNDS times; the table reports medians.
 *
 *   npm run bench:authz -- [--commands 3000] [--rounds 3] [--streams 200] [--batch 50]
 */
import { createVouch, type Principal, type Vouch, type VouchCommand } from '@vouch/application';
import type { EventEnvelope } from '@vouch/domain';
import { InMemoryEventStore, type EventStore } from '@vouch/event-store';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const COMMANDS = Number(args.get('commands') ?? 3000);
const ROUNDS = Number(args.get('rounds') ?? 3);
const STREAMS = Number(args.get('streams') ?? 200);
const BATCH = Number(args.get('batch') ?? 50);
const TENANT = 'bench';
const NOW = '2026-11-23T09:00:00.000Z';
const pm: Principal = { tenantId: TENANT, userId: 'pat', roles: ['PROGRAM_MANAGER'] };
const ownerOf = (workload: string, i: number): Principal => ({
  tenantId: TENANT,
  userId: `${workload}-owner-${i}`,
  roles: ['ACCOUNT_OWNER'],
});

/** Counts the stream reads the facade makes: the relationship check must not add any it can avoid. */
function counting(store: EventStore): { store: EventStore; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(store, {
    get(target, property) {
      if (property === 'readStream')
        return (...a: Parameters<EventStore['readStream']>) => {
          reads += 1;
          return target.readStream(...a);
        };
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...x: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store: proxy, reads: () => reads };
}

let sequence = 0;
const id = () => `bench-${++sequence}`;

/** Registers `STREAMS` accounts with one advocate each, owned by the workload's owners. */
async function setUp(vouch: Vouch, workload: string): Promise<void> {
  for (let i = 0; i < STREAMS; i++) {
    await vouch.execute(pm, {
      type: 'RegisterAccount',
      commandId: id(),
      data: {
        accountId: `${workload}-account-${i}`,
        name: `Account ${i}`,
        industry: 'Retail',
        segment: 'SMB',
        region: 'EMEA',
        products: ['Planner'],
        ownerId: ownerOf(workload, i).userId,
      },
    });
    await vouch.execute(pm, {
      type: 'RecordAccountHealth',
      commandId: id(),
      aggregateId: `${workload}-account-${i}`,
      data: { healthScore: 90 },
    });
    await vouch.execute(pm, {
      type: 'EnrolAdvocate',
      commandId: id(),
      data: {
        advocateId: `${workload}-advocate-${i}`,
        accountId: `${workload}-account-${i}`,
        name: 'Ada Advocate',
        email: `ada${i}@example.com`,
        title: 'CTO',
        seniority: 'C_LEVEL',
        products: ['Planner'],
        useCases: ['planning'],
        languages: ['en'],
      },
    });
  }
}

interface Workload {
  readonly name: string;
  /** Runs `count` commands. */
  run(count: number): Promise<void>;
}

async function main(): Promise<void> {
  const counted = counting(new InMemoryEventStore({ clock: () => NOW }));
  const vouch = createVouch({ store: counted.store, clock: () => NOW, dueWorkIntervalMs: 0 });
  const kinds = [
    'pm-account',
    'owner-account',
    'pm-advocate',
    'owner-advocate',
    'pm-nomination',
    'owner-nomination',
  ] as const;
  for (const kind of kinds) await setUp(vouch, kind);
  const raw = new InMemoryEventStore({ clock: () => NOW });
  const rawVersions = new Map<string, number>();

  const health = (workload: string, i: number): VouchCommand => ({
    type: 'RecordAccountHealth',
    commandId: id(),
    aggregateId: `${workload}-account-${i % STREAMS}`,
    data: { healthScore: 50 + (i % 50) },
  });
  const preferences = (workload: string, i: number): VouchCommand => ({
    type: 'SetAdvocatePreferences',
    commandId: id(),
    aggregateId: `${workload}-advocate-${i % STREAMS}`,
    data: { maxEngagementsPerWindow: 1 + (i % 5) },
  });
  const nomination = (workload: string, i: number): VouchCommand => ({
    type: 'SubmitNomination',
    commandId: id(),
    data: {
      nominationId: `${workload}-nomination-${i}-${sequence}`,
      accountId: `${workload}-account-${i % STREAMS}`,
      candidateId: `candidate-${i}`,
      name: 'Nora Nominee',
      email: 'nora@example.com',
      title: 'CFO',
      seniority: 'C_LEVEL',
      products: ['Planner'],
      useCases: ['planning'],
      languages: ['en'],
      evidenceKind: 'NPS_PROMOTER',
      evidence: 'Gave us a 10 and praised the rollout.',
    },
  });
  const workloads: Workload[] = [
    {
      name: 'raw store.append, one event',
      async run(count) {
        for (let i = 0; i < count; i++) {
          const streamId = `raw-${i % STREAMS}`;
          const version = rawVersions.get(streamId) ?? 0;
          const envelope: EventEnvelope = {
            eventId: id(),
            type: 'AccountHealthRecorded',
            schemaVersion: 1,
            data: { accountId: streamId, healthScore: 50, recordedBy: 'pat', measuredAt: NOW },
            metadata: {
              tenantId: TENANT,
              actor: { userId: 'pat', roles: ['PROGRAM_MANAGER'] },
              commandId: envelope_id(i),
              correlationId: envelope_id(i),
              causationId: envelope_id(i),
              effectiveAt: NOW,
            },
          };
          await raw.append(TENANT, streamId, [envelope], { expectedVersion: version });
          rawVersions.set(streamId, version + 1);
        }
      },
    },
    {
      name: 'RecordAccountHealth, program manager (role only)',
      async run(count) {
        for (let i = 0; i < count; i++) await vouch.execute(pm, health('pm-account', i));
      },
    },
    {
      name: 'RecordAccountHealth, owner of the account (role + relationship)',
      async run(count) {
        for (let i = 0; i < count; i++)
          await vouch.execute(ownerOf('owner-account', i % STREAMS), health('owner-account', i));
      },
    },
    {
      name: 'SetAdvocatePreferences, program manager (role only)',
      async run(count) {
        for (let i = 0; i < count; i++) await vouch.execute(pm, preferences('pm-advocate', i));
      },
    },
    {
      name: "SetAdvocatePreferences, owner of the advocate's account (role + relationship)",
      async run(count) {
        for (let i = 0; i < count; i++)
          await vouch.execute(ownerOf('owner-advocate', i % STREAMS), preferences('owner-advocate', i));
      },
    },
    {
      name: 'SubmitNomination, program manager (role only)',
      async run(count) {
        for (let i = 0; i < count; i++) await vouch.execute(pm, nomination('pm-nomination', i));
      },
    },
    {
      name: 'SubmitNomination, owner of the account (role + relationship)',
      async run(count) {
        for (let i = 0; i < count; i++)
          await vouch.execute(ownerOf('owner-nomination', i % STREAMS), nomination('owner-nomination', i));
      },
    },
  ];
  // Warm up every path (JIT, caches) before measuring.
  for (const workload of workloads) await workload.run(Math.max(1, Math.floor(COMMANDS / 10)));

  const rates = new Map<string, number[]>();
  const reads = new Map<string, number>();
  // Small batches, the workloads taking turns: a shared machine's slow moments and the
  // streams' growth fall on every workload alike.
  const batches = Math.max(1, Math.floor(COMMANDS / BATCH));
  for (let round = 0; round < ROUNDS; round++) {
    const seconds = new Map<string, number>();
    for (let batch = 0; batch < batches; batch++) {
      for (const workload of workloads) {
        const readsBefore = counted.reads();
        const started = process.hrtime.bigint();
        await workload.run(BATCH);
        seconds.set(
          workload.name,
          (seconds.get(workload.name) ?? 0) + Number(process.hrtime.bigint() - started) / 1e9,
        );
        reads.set(workload.name, (reads.get(workload.name) ?? 0) + counted.reads() - readsBefore);
      }
    }
    for (const workload of workloads)
      rates.set(workload.name, [
        ...(rates.get(workload.name) ?? []),
        (batches * BATCH) / seconds.get(workload.name)!,
      ]);
  }
  for (const [name, total] of reads) reads.set(name, total / (ROUNDS * batches * BATCH));
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const baseline = median(rates.get(workloads[0]!.name)!);
  // Each role-and-relationship workload follows its role-only twin in the list.
  const pmRate = (workload: Workload) =>
    median(
      rates.get(
        workload.name.includes('program manager')
          ? workload.name
          : workloads[workloads.indexOf(workload) - 1]!.name,
      )!,
    );
  console.log(
    `\n${COMMANDS} commands per workload, ${ROUNDS} rounds, ${STREAMS} streams each, in-memory store, Node ${process.version}\n`,
  );
  console.log(
    '| workload | commands/s (median) | rounds (min–max) | × raw | × role only | stream reads / command |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const workload of workloads) {
    const values = rates.get(workload.name)!;
    const m = median(values);
    const roleOnly = workload === workloads[0] ? '' : (m / pmRate(workload)).toFixed(2);
    console.log(
      `| ${workload.name} | ${Math.round(m).toLocaleString('en')} | ${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))} | ${(m / baseline).toFixed(3)} | ${roleOnly} | ${workload === workloads[0] ? '–' : reads.get(workload.name)!.toFixed(2)} |`,
    );
  }
  await vouch.stop();
}

const envelope_id = (i: number) => `raw-command-${i}-${sequence}`;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * Issue 15 (scan15): events a store examines for a process-manager start and for each CRM
 * integration read, at two history sizes, with the CPU time they take. "Before" is the base
 * commit's way, run in the same process: a manager with state relearning from the start of
 * the log (no saved state), and the CRM reads scanning the log by event type (the functions
 * of 9573d31, copied below). Counts come from a counting in-memory engine, so they hold on
 * any machine; CPU milliseconds are of this process (`process.cpuUsage`).
 *
 *   npm run bench:scan-reads -- [--sizes 20000,100000]
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import {
  CRM_INBOX_EVENT_TYPES,
  createVouch,
  CrmInboxLog,
  CrmInbound,
  PROCESS_MANAGERS,
  ProcessManagerRunner,
  type CrmEvent,
  type Principal,
} from '@vouch/application';
import {
  EngineEventStore,
  InMemoryCheckpointStore,
  InMemoryWrappedKeyRepository,
  MasterKeyVault,
  type EventStore,
  type RecordedEvent,
} from '@vouch/event-store';
import { contractEvent } from '@vouch/event-store/testing';
import { InMemoryReadModelStore } from '@vouch/projections';
import { ScanCountingEngine } from '../../packages/application/test/support/scan-counting-engine';

const TENANT = 't1';
const PM: Principal = { tenantId: TENANT, userId: 'pm', roles: ['PROGRAM_MANAGER'] };
const AT = '2026-05-01T10:00:00.000Z';
const CRM_EVENTS = 50;

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const sizes = (arg('sizes') ?? '20000,100000').split(',').map(Number);

/** The base commit's inbox read: every inbox event of the log, by type. */
async function inboxBefore(store: EventStore): Promise<number> {
  const latest = new Map<string, RecordedEvent>();
  let after: RecordedEvent['checkpoint'] | undefined;
  for (;;) {
    const page = await store.readAll(TENANT, {
      types: CRM_INBOX_EVENT_TYPES,
      limit: 1000,
      ...(after !== undefined ? { after } : {}),
    });
    for (const e of page) latest.set(e.streamId, e);
    if (page.length < 1000) return latest.size;
    after = page[page.length - 1]!.checkpoint;
  }
}

/** The base commit's scan for one event type (linked requests, nomination suggestions). */
async function scanBefore(store: EventStore, type: string): Promise<number> {
  let found = 0;
  let after: RecordedEvent['checkpoint'] | undefined;
  for (;;) {
    const page = await store.readAll(TENANT, { types: [type], limit: 1000, ...(after ? { after } : {}) });
    found += page.length;
    if (page.length < 1000) return found;
    after = page[page.length - 1]!.checkpoint;
  }
}

async function measure<T>(engine: ScanCountingEngine, work: () => Promise<T>) {
  const examined = engine.examinedByAll;
  const cpu = process.cpuUsage();
  await work();
  const used = process.cpuUsage(cpu);
  return { examined: engine.examinedByAll - examined, cpuMs: (used.user + used.system) / 1000 };
}

async function run(size: number): Promise<void> {
  const engine = new ScanCountingEngine();
  const store = new EngineEventStore(engine, {
    vault: new MasterKeyVault(randomBytes(32), new InMemoryWrappedKeyRepository()),
  });
  const log = new CrmInboxLog(store, () => `log-${Math.random()}`);
  const filler = Math.floor(size / CRM_EVENTS);
  for (let i = 0; i < CRM_EVENTS; i += 1) {
    for (let done = 0; done < filler; done += 500) {
      const n = Math.min(500, filler - done);
      await store.append(
        TENANT,
        `other-${i}-${done}`,
        Array.from({ length: n }, () => contractEvent(TENANT, 'Noted', {})),
        { expectedVersion: 'any' },
      );
    }
    const event: CrmEvent = {
      type: 'contact.left',
      eventId: `crm-${i}`,
      occurredAt: AT,
      contact: { id: `c-${i}`, accountExternalId: 'acme' },
    };
    const receipt = {
      eventId: event.eventId,
      type: event.type,
      status: 'PARKED' as const,
      reason: 'UNKNOWN_ACCOUNT',
      accountExternalId: 'acme',
      outcomes: [],
      at: AT,
    };
    await log.write(TENANT, 'crm-integration', event, receipt, 0);
  }
  const total = await engine.lastPosition(TENANT);

  // Process managers: a first run saves their state; then a start with and without it.
  const checkpoints = new InMemoryCheckpointStore();
  const readModels = new InMemoryReadModelStore();
  const runner = (withSaved: boolean) =>
    new ProcessManagerRunner({
      store,
      checkpoints,
      ...(withSaved ? { readModels } : {}),
      managers: PROCESS_MANAGERS,
      commands: {
        execute: async () => ({ aggregateId: '', streamId: '', events: [], version: 0, duplicate: false }),
      },
    });
  const first = runner(true);
  await first.start(TENANT);
  await first.stop();
  const startOnce = async (withSaved: boolean) => {
    const r = runner(withSaved);
    const m = await measure(engine, () => r.start(TENANT));
    await r.stop();
    return m;
  };
  const relearnt = await startOnce(false);
  const resumed = await startOnce(true);

  // CRM reads: the base commit's scans, then the read model (caught up once, then per call).
  const vouch = createVouch({ store });
  const inbound = new CrmInbound(vouch);
  const inboxOld = await measure(engine, () => inboxBefore(store));
  const linkedOld = await measure(engine, () => scanBefore(store, 'ReferenceRequestSubmitted'));
  const suggestionsOld = await measure(engine, () => scanBefore(store, 'AdvocateLeftAccount'));
  const catchUp = await measure(engine, () => vouch.crmReadModel(TENANT));
  const inboxNew = await measure(engine, () => inbound.inbox(PM));
  const pageNew = await measure(engine, () => inbound.inboxPage(PM, 'PARKED', { first: 20 }));
  const linkedNew = await measure(engine, async () => (await vouch.crmReadModel(TENANT)).requestsFor('o1'));
  const suggestionsNew = await measure(engine, () => inbound.nominationSuggestions(PM));
  await vouch.stop();
  store.close();

  const row = (
    what: string,
    before: { examined: number; cpuMs: number },
    after: { examined: number; cpuMs: number },
  ) =>
    console.log(
      `| ${size.toLocaleString('en')} | ${what} | ${before.examined.toLocaleString('en')} | ${before.cpuMs.toFixed(1)} | ${after.examined.toLocaleString('en')} | ${after.cpuMs.toFixed(1)} |`,
    );
  console.log(
    `\nhistory ${total} events, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log('| events | read | before: examined | before: CPU ms | after: examined | after: CPU ms |');
  console.log('|---:|---|---:|---:|---:|---:|');
  row('process-manager start (all 8)', relearnt, resumed);
  row('CRM inbox (PARKED)', inboxOld, inboxNew);
  row('CRM inbox, first page of 20', inboxOld, pageNew);
  row('linked requests of an opportunity', linkedOld, linkedNew);
  row('nomination suggestions', suggestionsOld, suggestionsNew);
  console.log(
    `(the CRM read model caught up once at first use: ${catchUp.examined} examined, ${catchUp.cpuMs.toFixed(1)} CPU ms)`,
  );
}

async function main(): Promise<void> {
  for (const size of sizes) await run(size);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

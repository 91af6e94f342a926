import { createVouch } from '@vouch/application';
import type { Checkpoint } from '@vouch/event-store';
import type { CliIo } from '../cli-io';
import type { StoreConfig } from '../config/store-config';
import { countEvents } from '../rebuild/rebuild-read-models';
import { ProgressLine } from '../rebuild/progress-line';
import { seedDemoProgram, SIMULATED_DAYS, type DemoProgramSummary } from '../seed/demo-program';
import { SimulatedClock } from '../seed/simulated-clock';
import { WriteBehindCheckpoints } from '../seed/write-behind-checkpoints';
import { openStore } from '../stores/open-store';

/** How many events the seed's command path may hold (the default is for a long-running server). */
const SEED_STREAM_CACHE_EVENTS = 250_000;

export interface SeedOptions {
  readonly store: StoreConfig;
  readonly masterKey: Buffer;
  readonly tenantId: string;
  readonly seed: number;
  readonly scale: number;
  /** The last simulated day (ISO date). */
  readonly until: string;
}

export interface SeedReport {
  readonly summary: DemoProgramSummary;
  readonly events: number;
  /** Events written, by type. */
  readonly eventTypes: ReadonlyMap<string, number>;
  readonly seconds: number;
}

/** Thrown when the tenant already has events: a demo program is seeded into an empty tenant only. */
export class TenantNotEmptyError extends Error {
  override readonly name = 'TenantNotEmptyError';
}

/**
 * Seeds the demo program into an empty tenant. The store's clock is the simulated one,
 * so `recordedAt` follows the eighteen simulated months and as-of replay shows them.
 */
export async function seedStore(options: SeedOptions, io: CliIo): Promise<SeedReport> {
  const clock = new SimulatedClock(`${options.until}T08:00:00.000Z`);
  // A bulk load that is simply rerun if it fails: NORMAL durability (WAL stays consistent).
  const opened = await openStore(options.store, {
    masterKey: options.masterKey,
    clock: clock.now,
    durability: 'NORMAL',
    bulkLoad: true,
  });
  try {
    if ((await opened.store.readAll(options.tenantId, { limit: 1 })).length > 0) {
      throw new TenantNotEmptyError(
        `Tenant "${options.tenantId}" in ${opened.description} already has events; seed an empty tenant (--tenant) or a fresh --data-dir.`,
      );
    }
    let sequence = 0;
    const checkpoints = new WriteBehindCheckpoints(opened.checkpoints);
    const vouch = createVouch({
      store: opened.store,
      clock: clock.now,
      newId: () => `seed-id-${(sequence += 1)}`,
      checkpoints,
      readModels: opened.readModels,
      dueWorkIntervalMs: 0,
      // Every reaction before the next step: the same history whatever the store's timing.
      settleReactions: true,
      // A bulk load: every stream it wrote is consulted again and again, so hold them all
      // (the demo at scale 1 is ≈ 34k events; tens of MB for the seed's short life).
      streamCacheEvents: SEED_STREAM_CACHE_EVENTS,
    });
    await vouch.start([options.tenantId]);
    const progress = new ProgressLine(io.stderr, io.interactive, 'Seeding');
    const started = process.hrtime.bigint();
    let summary: DemoProgramSummary;
    try {
      summary = await seedDemoProgram(vouch, opened.store, clock, {
        tenantId: options.tenantId,
        seed: options.seed,
        scale: options.scale,
        until: `${options.until}T08:00:00.000Z`,
        onDay: (day) => progress.update(day, SIMULATED_DAYS),
      });
    } finally {
      progress.finish();
      await vouch.stop();
    }
    await checkpoints.flush();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const eventTypes = await countEventTypes(opened, options.tenantId);
    return { summary, events: await countEvents(opened.store, options.tenantId), eventTypes, seconds };
  } finally {
    await opened.close();
  }
}

async function countEventTypes(
  opened: Awaited<ReturnType<typeof openStore>>,
  tenantId: string,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let after: Checkpoint | undefined;
  for (;;) {
    const page = await opened.store.readAll(tenantId, { limit: 5000, ...(after ? { after } : {}) });
    for (const event of page) counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
    if (page.length < 5000) return counts;
    after = page[page.length - 1]!.checkpoint;
  }
}

/** The seed's summary, for people. */
export function formatSeedReport(report: SeedReport): string {
  const { summary } = report;
  const executed = [...summary.executed.values()].reduce((a, b) => a + b, 0);
  const refused = [...summary.refused.values()].reduce((a, b) => a + b, 0);
  const lines = [
    `Seeded the demo program: ${summary.from.slice(0, 10)} → ${summary.until.slice(0, 10)}`,
    `  ${report.events.toLocaleString('en-US')} events in ${report.seconds.toFixed(1)} s (${Math.round(report.events / report.seconds).toLocaleString('en-US')} events/s)`,
    `  ${summary.accounts} accounts, ${summary.advocates} advocates, ${summary.requests} requests`,
    `  ${executed.toLocaleString('en-US')} commands executed, ${refused} refused by the domain's gates as expected:`,
    ...[...summary.refused.entries()].sort().map(([what, n]) => `    ${String(n).padStart(5)}  ${what}`),
    '  events by type:',
    ...[...report.eventTypes.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([type, n]) => `    ${String(n).padStart(6)}  ${type}`),
  ];
  return `${lines.join('\n')}\n`;
}

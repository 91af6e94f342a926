import { DomainError } from '@vouch/domain';
import type { CheckpointStore, EventStore } from '@vouch/event-store';
import { PROCESS_MANAGERS, type Vouch } from '@vouch/application';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Lag is counted up to this many events per scrape: beyond it, the gauge says "at least". */
export const LAG_COUNT_CAP = 1000;
// Clients choose operation names: past this many distinct ones, the rest count as "other".
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Where the lag gauges look: the store, the facade, the durable checkpoints and the tenants served. */
export interface LagSources {
  readonly store: EventStore;
  readonly vouch: Vouch;
  readonly checkpoints?: CheckpointStore;
  readonly tenants: readonly string[];
}

/**
 * Vouch's Prometheus metrics (prom-client), in their own registry: GraphQL operation
 * durations by operation name, command outcomes by type and code, append latency, and
 * projection and process-manager lag in events behind the head of each served tenant.
 */
export class VouchMetrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();
  private lagSources: LagSources | undefined;

  readonly operationDuration = new Histogram({
    name: 'vouch_graphql_operation_duration_seconds',
    help: 'GraphQL operations by operation name and kind, from request to response.',
    labelNames: ['operation', 'kind', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly commands = new Counter({
    name: 'vouch_commands_total',
    help: 'Commands executed through the facade, by command type, outcome (ok, refused, failed) and error code.',
    labelNames: ['type', 'outcome', 'code'] as const,
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'vouch_store_append_duration_seconds',
    help: 'Event store appends, from call to commit.',
    labelNames: ['outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  constructor() {
    const projectionLag: Gauge<'tenant'> = new Gauge({
      name: 'vouch_projection_lag_events',
      help: `Events of the tenant not yet applied to its read models (counted up to ${LAG_COUNT_CAP}).`,
      labelNames: ['tenant'] as const,
      registers: [this.registry],
      collect: async () => {
        const sources = this.lagSources;
        if (!sources) return;
        for (const tenant of sources.tenants) {
          const checkpoint = await sources.vouch.queries.readModelCheckpoint(tenant);
          projectionLag.set({ tenant }, await eventsAfter(sources.store, tenant, checkpoint));
        }
      },
    });
    const managerLag: Gauge<'tenant' | 'manager'> = new Gauge({
      name: 'vouch_process_manager_lag_events',
      help: `Events a process manager has not reacted to yet, by its durable checkpoint (counted up to ${LAG_COUNT_CAP}).`,
      labelNames: ['tenant', 'manager'] as const,
      registers: [this.registry],
      collect: async () => {
        const sources = this.lagSources;
        if (!sources?.checkpoints) return;
        for (const tenant of sources.tenants) {
          for (const manager of PROCESS_MANAGERS) {
            const checkpoint = await sources.checkpoints.load(`${tenant}/${manager.name}`);
            const behind = await eventsAfter(sources.store, tenant, checkpoint, manager.eventTypes);
            managerLag.set({ tenant, manager: manager.name }, behind);
          }
        }
      },
    });
    this.watchWebhooks();
  }

  /** Webhook families: backlog, deliveries and failed attempts by outcome, from the dispatcher of this instance. */
  private watchWebhooks(): void {
    const dispatcher = () => this.lagSources?.vouch.webhooks?.dispatcher;
    const backlog: Gauge = new Gauge({
      name: 'vouch_webhook_backlog_events',
      help: 'Log events after the checkpoints of the running webhook destinations (an upper bound: every type counts).',
      registers: [this.registry],
      collect: async () => {
        const running = dispatcher();
        if (running) backlog.set(await running.backlog());
      },
    });
    const deliveries: Counter<'outcome'> = new Counter({
      name: 'vouch_webhook_deliveries_total',
      help: 'Webhook delivery attempts by outcome: delivered, failed (retried) or dead_lettered (given up).',
      labelNames: ['outcome'] as const,
      registers: [this.registry],
      collect: () => {
        const running = dispatcher();
        if (!running) return;
        const { delivered, failedAttempts, deadLettered } = running.counters;
        deliveries.reset();
        deliveries.inc({ outcome: 'delivered' }, delivered);
        deliveries.inc({ outcome: 'failed' }, failedAttempts);
        deliveries.inc({ outcome: 'dead_lettered' }, deadLettered);
      },
    });
  }

  /** Turns the lag gauges on for these tenants. */
  watchLag(sources: LagSources): void {
    this.lagSources = sources;
  }

  /** A bounded label for a client-chosen operation name. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'invalid';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    this.operationNames.add(name);
    return name;
  }

  /** Counts one command's outcome: ok, refused by the domain (with its code) or failed. */
  countCommand(type: string, error?: unknown): void {
    if (error === undefined) this.commands.inc({ type, outcome: 'ok', code: '' });
    else if (error instanceof DomainError) this.commands.inc({ type, outcome: 'refused', code: error.code });
    else this.commands.inc({ type, outcome: 'failed', code: '' });
  }

  /** The text a Prometheus scrape reads. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

async function eventsAfter(
  store: EventStore,
  tenantId: string,
  checkpoint: Awaited<ReturnType<CheckpointStore['load']>>,
  types?: readonly string[],
): Promise<number> {
  const events = await store.readAll(tenantId, {
    ...(checkpoint !== undefined ? { after: checkpoint } : {}),
    ...(types ? { types } : {}),
    limit: LAG_COUNT_CAP,
  });
  return events.length;
}

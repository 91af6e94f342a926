import { randomUUID } from 'node:crypto';
import {
  InMemoryCheckpointStore,
  systemClock,
  type CheckpointStore,
  type Clock,
  type EventStore,
} from '@vouch/event-store';
import {
  InMemoryReadModelStore,
  TenantProjections,
  TenantReadModels,
  type ReadModelStore,
} from '@vouch/projections';
import { CommandHandler } from '../commands/command-handler';
import type { CommandResult } from '../commands/command-result';
import type { RetryPolicy } from '../commands/retry-policy';
import type { VouchCommand } from '../commands/vouch-command';
import type { Principal } from '../principal';
import { PROCESS_MANAGERS } from '../process-managers/process-managers';
import { ProcessManagerRunner } from '../process-managers/process-manager-runner';
import { VouchQueries } from '../queries/vouch-queries';
import { DueWorkRunner } from '../timers/due-work-runner';
import { RequestWorkflow } from '../workflows/request-workflow';

export interface VouchOptions {
  /** Any event store: in-memory, SQLite, PostgreSQL or EventStoreDB. */
  readonly store: EventStore;
  /** Where "now" comes from; default the wall clock. */
  readonly clock?: Clock;
  /** Fresh ids for decisions; default random UUIDs. */
  readonly newId?: () => string;
  /** Where process managers keep their checkpoints; default in memory (the store's own is better). */
  readonly checkpoints?: CheckpointStore;
  /** Where read models keep their snapshots and checkpoints; default in memory (rebuilt at start). */
  readonly readModels?: ReadModelStore;
  /** Save a read-model snapshot after this many events; default the runner's. */
  readonly snapshotEvery?: number;
  /** The tenants whose runners `start()` starts; others start on first use. */
  readonly tenants?: readonly string[];
  /** How often time-driven work (lapses, expiries, retention) runs; default 60 s, 0 = only `processDueWork()`. */
  readonly dueWorkIntervalMs?: number;
  readonly retry?: RetryPolicy;
  /** Told when a reaction or due work was refused by the domain, or a runner failed. */
  readonly onWarning?: (message: string, error: unknown) => void;
}

/** Vouch as a library: every command and query of a reference program, for any store. */
export interface Vouch {
  /**
   * Executes a command as the principal. Asking, scheduling and completing on a request
   * also bind the advocate, so they run as the request workflow (consent and fatigue first).
   */
  execute(principal: Principal, command: VouchCommand): Promise<CommandResult>;
  /** Starts process managers and timers for the configured tenants (and the given ones). */
  start(tenants?: readonly string[]): Promise<void>;
  /** Every query: read models, audit history and replay, integrity, metrics. */
  readonly queries: VouchQueries;
  /** Issues every command that time has made due now; returns how many. */
  processDueWork(): Promise<number>;
  stop(): Promise<void>;
  readonly store: EventStore;
}

/** Creates the facade over a store. Call `start()` to run the process managers. */
export function createVouch(options: VouchOptions): Vouch {
  const clock = options.clock ?? systemClock;
  const warn = options.onWarning ?? (() => undefined);
  const commands = new CommandHandler({
    store: options.store,
    clock,
    newId: options.newId ?? randomUUID,
    ...(options.retry ? { retry: options.retry } : {}),
  });
  const workflow = new RequestWorkflow(options.store, commands, clock);
  const managers = new ProcessManagerRunner({
    store: options.store,
    clock,
    commands,
    checkpoints: options.checkpoints ?? new InMemoryCheckpointStore(),
    managers: PROCESS_MANAGERS,
    onRefused: (manager, eventId, error) => warn(`${manager} could not react to event ${eventId}`, error),
    onFailure: (manager, error) => warn(`${manager} stopped and will restart`, error),
  });
  const dueWork = new DueWorkRunner({
    store: options.store,
    clock,
    commands,
    ...(options.dueWorkIntervalMs !== undefined ? { intervalMs: options.dueWorkIntervalMs } : {}),
    onRefused: (key, error) => warn(`due work ${key} was refused`, error),
  });
  const projections = new TenantProjections<TenantReadModels>({
    store: options.store,
    readModels: options.readModels ?? new InMemoryReadModelStore(),
    create: () => new TenantReadModels(),
    ...(options.snapshotEvery !== undefined ? { snapshotEvery: options.snapshotEvery } : {}),
  });
  const queries = new VouchQueries(options.store, projections, clock);
  const started = new Set<string>();
  let running = false;

  const startTenant = async (tenantId: string) => {
    if (started.has(tenantId)) return;
    started.add(tenantId);
    await Promise.all([managers.start(tenantId), dueWork.start(tenantId), projections.runner(tenantId)]);
  };

  const run = async (principal: Principal, command: VouchCommand): Promise<CommandResult> => {
    const { commandId } = command;
    const data = (typeof command.data === 'object' && command.data !== null ? command.data : {}) as Record<
      string,
      unknown
    >;
    const requestId = String(command.aggregateId ?? '');
    const advocateId = String(data.advocateId ?? '');
    switch (command.type) {
      case 'AskAdvocate':
        return workflow.askAdvocate(principal, { commandId, requestId, advocateId });
      case 'ScheduleActivity':
        return workflow.scheduleActivity(principal, {
          commandId,
          requestId,
          advocateId,
          at: String(data.at),
          ...(data.fatigueOverrideReason !== undefined
            ? { fatigueOverrideReason: String(data.fatigueOverrideReason) }
            : {}),
        });
      case 'CompleteActivity':
        return workflow.completeActivity(principal, {
          commandId,
          requestId,
          advocateId,
          ...(data.completedAt !== undefined ? { completedAt: String(data.completedAt) } : {}),
        });
      default:
        return commands.execute(principal, command);
    }
  };

  return {
    store: options.store,
    queries,
    async execute(principal, command) {
      if (running) await startTenant(principal.tenantId);
      const result = await run(principal, command);
      queries.noteWritten(principal.tenantId, result.checkpoint);
      return result;
    },
    async start(tenants = []) {
      running = true;
      for (const tenantId of [...(options.tenants ?? []), ...tenants]) await startTenant(tenantId);
    },
    processDueWork: () => dueWork.tick(),
    async stop() {
      running = false;
      started.clear();
      await Promise.all([managers.stop(), dueWork.stop(), projections.stopAll()]);
    },
  };
}

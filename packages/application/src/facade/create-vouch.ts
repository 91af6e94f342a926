import { randomUUID } from 'node:crypto';
import {
  InMemoryCheckpointStore,
  systemClock,
  type CheckpointStore,
  type Clock,
  type DigestReason,
  type EventStore,
  type SignedDigest,
} from '@vouch/event-store';
import { DomainError, DomainErrorCode } from '@vouch/domain';
import { authorize } from '../authorization/authorize';
import { actorOf } from '../principal';
import { IntegrityVerifications, type IntegrityVerificationJob } from '../integrity/integrity-verifications';
import {
  InMemoryReadModelStore,
  TenantProjections,
  TenantReadModels,
  type ReadModelStore,
} from '@vouch/projections';
import { CommandHandler } from '../commands/command-handler';
import { StreamCache, type StreamCacheBudget } from '../commands/stream-cache';
import type { CommandResult } from '../commands/command-result';
import type { RetryPolicy } from '../commands/retry-policy';
import type { VouchCommand } from '../commands/vouch-command';
import type { Principal } from '../principal';
import { PROCESS_MANAGERS } from '../process-managers/process-managers';
import { ProcessManagerRunner } from '../process-managers/process-manager-runner';
import { DigestKeeper, type DigestKeepingOptions } from '../integrity/digest-keeper';
import { VouchQueries } from '../queries/vouch-queries';
import { DueWorkRunner } from '../timers/due-work-runner';
import type { BackgroundStepObserver } from '../tracing/background-step';
import { WorkflowExecutor } from '../workflows/workflow-executor';
import { createWebhooks, type Webhooks } from '../outbound/webhooks/webhooks';
import { CrmReadModel } from '../integrations/crm/crm-read-model';
import type { WebhookOptions } from '../outbound/webhooks/webhook-options';

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
  /**
   * How many bytes of events (estimated per event from its data and metadata) the command
   * path's stream cache holds at most; default `DEFAULT_STREAM_CACHE_BYTES` (32 MiB). A bulk
   * load that touches every stream over and over (the demo seed) holds more, a long-running
   * server keeps the default.
   */
  readonly streamCacheBytes?: number;
  /**
   * The older budget, a count of events: still honoured (alone it keeps the old behaviour,
   * no byte budget); with `streamCacheBytes` both hold. Prefer `streamCacheBytes`.
   */
  readonly streamCacheEvents?: number;
  /** Sign the tenants' digests (invariant 12): key from configuration, log beside the events. */
  readonly digests?: DigestKeepingOptions;
  /** Told when a reaction or due work was refused by the domain, or a runner failed. */
  readonly onWarning?: (message: string, error: unknown) => void;
  /** Webhooks (CloudEvents signed per Standard Webhooks); none without an operator key. */
  readonly webhooks?: WebhookOptions;
  /** Runs around each background step (process-manager reaction, due command): a tracing span. */
  readonly observeStep?: BackgroundStepObserver;
  /**
   * Each command, and each due command, returns only once the process managers have reacted
   * to it (`settle`). For a bulk load or a simulation that moves a simulated clock between
   * commands: every reaction then runs at the instant of its cause, before the next command,
   * whatever the timing of the store. Default false: a server answers without waiting.
   */
  readonly settleReactions?: boolean;
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
  /**
   * Resolves once the tenant's process managers have reacted to everything written so far
   * (and to what their reactions wrote), and makes the next queries wait for the read models
   * to reflect it. A bulk load or a test that moves a simulated clock waits here before the
   * clock moves, so every reaction runs at the instant of its cause, whatever the timing.
   */
  settle(tenantId: string): Promise<void>;
  stop(): Promise<void>;
  readonly store: EventStore;
  /** The signed digests the product keeps, when configured with a signing key. */
  readonly digests?: DigestKeeper;
  /** An admin has the product sign the tenant's digest now (invariant 12). */
  signDigest(principal: Principal, commandId: string): Promise<SignedDigest>;
  /** Starts verifying the tenant's history against its signed digests, off the request path; poll `queries.integrityVerification`. */
  startIntegrityVerification(principal: Principal, commandId: string): Promise<IntegrityVerificationJob>;
  /** Webhook subscriptions and their dispatcher, when configured. */
  readonly webhooks?: Webhooks;
  /** The CRM integration's read model of a tenant, with everything written so far applied (started on first use). */
  crmReadModel(tenantId: string): Promise<CrmReadModel>;
}

/** Creates the facade over a store. Call `start()` to run the process managers. */
export function createVouch(options: VouchOptions): Vouch {
  const clock = options.clock ?? systemClock;
  const warn = options.onWarning ?? (() => undefined);
  const newId = options.newId ?? randomUUID;
  // One view of the streams for every decision this facade makes: each read fetches only the tail.
  const streams = new StreamCache(options.store, streamCacheBudget(options));
  const commands = new CommandHandler({
    store: options.store,
    clock,
    newId,
    streams,
    ...(options.retry ? { retry: options.retry } : {}),
  });
  const workflows = new WorkflowExecutor(options.store, commands, clock, newId, streams);
  const digests = options.digests ? new DigestKeeper(options.store, clock, options.digests, warn) : undefined;
  const checkpoints = options.checkpoints ?? new InMemoryCheckpointStore();
  const readModels = options.readModels ?? new InMemoryReadModelStore();
  const webhooks = options.webhooks
    ? createWebhooks(options.store, checkpoints, clock, options.webhooks, warn)
    : undefined;
  // A slow start from the whole log is worth an operator's notice, and so is its cause.
  const onRelearn = (name: string, tenantId: string, reason: string) =>
    warn(`${name} relearns its state from the start of the log for tenant ${tenantId}`, new Error(reason));
  const managers = new ProcessManagerRunner({
    store: options.store,
    commands,
    checkpoints,
    readModels,
    managers: PROCESS_MANAGERS,
    ...(digests
      ? { signDigest: (tenantId: string, reason: DigestReason) => digests.sign(tenantId, reason) }
      : {}),
    onRefused: (manager, eventId, error) => warn(`${manager} could not react to event ${eventId}`, error),
    onFailure: (manager, error) => warn(`${manager} stopped and will restart`, error),
    onRelearn,
    ...(options.observeStep ? { observeStep: options.observeStep } : {}),
  });
  const dueWork = new DueWorkRunner({
    store: options.store,
    clock,
    commands: options.settleReactions
      ? {
          execute: async (principal, command) => {
            const result = await commands.execute(principal, command);
            await settle(principal.tenantId);
            return result;
          },
        }
      : commands,
    ...(options.dueWorkIntervalMs !== undefined ? { intervalMs: options.dueWorkIntervalMs } : {}),
    onRefused: (key, error) => warn(`due work ${key} was refused`, error),
    ...(options.observeStep ? { observeStep: options.observeStep } : {}),
  });
  const projections = new TenantProjections<TenantReadModels>({
    store: options.store,
    readModels,
    create: () => new TenantReadModels(),
    onRelearn,
    ...(options.snapshotEvery !== undefined ? { snapshotEvery: options.snapshotEvery } : {}),
  });
  // Its own projection, started only when a tenant first uses the CRM integration.
  const crm = new TenantProjections<CrmReadModel>({
    store: options.store,
    readModels,
    create: () => new CrmReadModel(),
    onRelearn,
    ...(options.snapshotEvery !== undefined ? { snapshotEvery: options.snapshotEvery } : {}),
  });
  const verifications = new IntegrityVerifications(options.store, clock, digests);
  const queries = new VouchQueries(options.store, projections, clock, digests, verifications);
  const started = new Set<string>();
  let running = false;
  // Hoisted: the due work above settles after each due command when asked to.
  async function settle(tenantId: string): Promise<void> {
    // The managers' reactions (and theirs to those), then the due work's index up to the same point.
    const settled = await managers.settled(tenantId, await options.store.lastCheckpoint(tenantId));
    await dueWork.reached(tenantId, settled);
    queries.noteWritten(tenantId, settled);
  }

  const startTenant = async (tenantId: string) => {
    if (started.has(tenantId)) return;
    started.add(tenantId);
    await Promise.all([
      managers.start(tenantId),
      dueWork.start(tenantId),
      projections.runner(tenantId),
      webhooks?.dispatcher.start(tenantId),
    ]);
    await digests?.start(tenantId);
  };

  // Commands that change more than one stream (the request steps that bind an advocate) run as workflows.
  const run = (principal: Principal, command: VouchCommand): Promise<CommandResult> =>
    workflows.handles(command) ? workflows.execute(principal, command) : commands.execute(principal, command);

  return {
    store: options.store,
    ...(digests ? { digests } : {}),
    ...(webhooks ? { webhooks } : {}),
    queries,
    async execute(principal, command) {
      if (running) await startTenant(principal.tenantId);
      const result = await run(principal, command);
      queries.noteWritten(principal.tenantId, result.checkpoint);
      if (options.settleReactions) await settle(principal.tenantId);
      return result;
    },
    async start(tenants = []) {
      running = true;
      for (const tenantId of [...(options.tenants ?? []), ...tenants]) await startTenant(tenantId);
    },
    processDueWork: () => dueWork.tick(),
    settle: (tenantId) => settle(tenantId),
    async crmReadModel(tenantId) {
      const runner = await crm.runner(tenantId);
      // Whatever was appended before this call (by this process or another) is applied first.
      await runner.waitFor(await options.store.lastCheckpoint(tenantId));
      return runner.projection;
    },
    async signDigest(principal, commandId) {
      authorize(actorOf(principal), 'signDigest');
      if (!digests) {
        throw new DomainError(
          DomainErrorCode.NOT_FOUND,
          'This deployment has no signing key: set VOUCH_SIGNING_KEY to keep signed digests.',
          {},
        );
      }
      return digests.signOnDemand(principal.tenantId, commandId);
    },
    async startIntegrityVerification(principal, commandId) {
      authorize(actorOf(principal), 'startIntegrityVerification');
      return verifications.start(principal.tenantId, principal.userId, commandId);
    },
    async stop() {
      running = false;
      started.clear();
      digests?.stop();
      await Promise.all([
        managers.stop(),
        dueWork.stop(),
        projections.stopAll(),
        crm.stopAll(),
        webhooks?.dispatcher.stop(),
      ]);
    },
  };
}

/** The stream cache's budget from the options: bytes by default, the older event count when only it is set. */
function streamCacheBudget(options: VouchOptions): StreamCacheBudget {
  const { streamCacheBytes, streamCacheEvents } = options;
  if (streamCacheBytes === undefined) return streamCacheEvents ?? {};
  return {
    maxBytes: streamCacheBytes,
    ...(streamCacheEvents !== undefined ? { maxEvents: streamCacheEvents } : {}),
  };
}

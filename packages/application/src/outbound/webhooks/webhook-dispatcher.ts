import type { Clock, CheckpointStore, EventStore, RecordedEvent, Subscription } from '@vouch/event-store';
import { START, checkpointOf, positionOf, type Checkpoint } from '@vouch/event-store';
import { eventIdFor } from '../../commands/event-ids';
import { systemPrincipal } from '../../principal';
import { publicEventType } from '../contract/public-event-contract';
import { UnpublishableEventError, toCloudEvent } from '../contract/to-cloud-event';
import type { DeliveryLog, DeliveryRecord } from './delivery-log';
import { postWebhook } from './post-webhook';
import { backoffDelay } from './retry-backoff';
import { deriveWebhookSecret } from './webhook-secret';
import { signWebhook } from './webhook-signature';
import { WEBHOOK_EVENT_TYPES, deadLetterStreamOf, type WebhookEvent } from './webhook-events';
import { evolveWebhook, type WebhookSubscriptionState } from './webhook-subscription-decider';
import type { WebhookOptions } from './webhook-options';

interface Destination {
  state: WebhookSubscriptionState;
  /** Where this destination's deliveries start when it has no saved checkpoint. */
  readonly createdAt: Checkpoint;
  worker?: Worker;
}

interface Worker {
  readonly key: string;
  readonly subscription: Subscription;
  readonly stopped: AbortController;
  /** Saves the last acknowledged checkpoint if it is not saved yet. */
  readonly flush: () => Promise<void>;
}

interface TenantRun {
  readonly config: Subscription;
  readonly destinations: Map<string, Destination>;
  stopped: boolean;
}

class DeliveryStopped extends Error {}

/** Counters for `/metrics`. */
export interface WebhookCounters {
  delivered: number;
  failedAttempts: number;
  deadLettered: number;
}

/**
 * Delivers a tenant's published events to its webhook subscriptions. It learns the
 * subscriptions from their events, then runs one catch-up subscription per active
 * destination with a durable checkpoint of its own (`webhook/<tenant>/<id>/<replays>`, a
 * replay starts a fresh one), so a restart resumes after the last event each destination
 * acknowledged. Events go one at a time per destination — in log order, hence in order per
 * subject — and an event is retried with backoff until it is delivered or, after
 * `maxAttempts`, dead-lettered (an event in the log); the checkpoint moves only then.
 * A crash in between redelivers with the same `webhook-id`: at-least-once.
 */
export class WebhookDispatcher {
  private readonly tenants = new Map<string, TenantRun>();
  readonly counters: WebhookCounters = { delivered: 0, failedAttempts: 0, deadLettered: 0 };

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly clock: Clock,
    private readonly options: WebhookOptions,
    readonly log: DeliveryLog,
    private readonly warn: (message: string, error: unknown) => void,
  ) {}

  /** Starts a tenant's deliveries (once); resolves when its subscriptions are known and their workers started. */
  async start(tenantId: string): Promise<void> {
    if (this.tenants.has(tenantId)) return;
    const destinations = new Map<string, Destination>();
    let caughtUp = false;
    const config = this.store.subscribe(tenantId, {
      after: START,
      types: WEBHOOK_EVENT_TYPES,
      handler: async (event) => {
        this.learn(tenantId, destinations, event);
        if (caughtUp) await this.reconcile(tenantId);
      },
    });
    const run: TenantRun = { config, destinations, stopped: false };
    this.tenants.set(tenantId, run);
    config.done.catch((error) => this.warn(`webhook configuration of ${tenantId} stopped`, error));
    await config.caughtUp;
    caughtUp = true;
    await this.reconcile(tenantId);
  }

  async stop(): Promise<void> {
    const runs = [...this.tenants.values()];
    this.tenants.clear();
    for (const run of runs) run.stopped = true;
    await Promise.all(
      runs.flatMap((run) => [
        run.config.stop(),
        ...[...run.destinations.values()].map((destination) => this.stopWorker(destination)),
      ]),
    );
  }

  /** Events of the log not yet acknowledged by each running destination (an upper bound: every type counts). */
  async backlog(): Promise<number> {
    let total = 0;
    for (const [tenantId, run] of this.tenants) {
      const last = positionOf(await this.store.lastCheckpoint(tenantId));
      for (const destination of run.destinations.values()) {
        if (destination.worker)
          total += Math.max(0, last - positionOf(destination.worker.subscription.checkpoint));
      }
    }
    return total;
  }

  private learn(tenantId: string, destinations: Map<string, Destination>, event: RecordedEvent): void {
    const webhookEvent = { type: event.type, data: event.data } as unknown as WebhookEvent;
    const id = webhookEvent.data.subscriptionId;
    if (webhookEvent.type === 'WebhookDeliveryDeadLettered') {
      const data = webhookEvent.data;
      const known = this.log.list(tenantId, { subscriptionId: id }).find((r) => r.webhookId === data.eventId);
      this.log.record(tenantId, {
        subscriptionId: id,
        webhookId: data.eventId,
        eventType: known?.eventType ?? '',
        subject: known?.subject ?? '',
        checkpoint: data.checkpoint,
        status: 'DEAD_LETTERED',
        attempts: data.attempts,
        lastError: data.lastError,
        ...(data.responseCode !== undefined ? { responseCode: data.responseCode } : {}),
        updatedAt: data.deadLetteredAt,
      });
      return;
    }
    const current = destinations.get(id);
    const next = evolveWebhook(current?.state, webhookEvent);
    if (!next) return;
    if (current) current.state = next;
    else destinations.set(id, { state: next, createdAt: event.checkpoint });
  }

  /** Starts the workers of active destinations and stops the others (a replay or a rotation restarts nothing but its own). */
  private async reconcile(tenantId: string): Promise<void> {
    const run = this.tenants.get(tenantId);
    if (!run || run.stopped) return;
    for (const destination of run.destinations.values()) {
      const wanted =
        destination.state.status === 'ACTIVE' ? this.keyOf(tenantId, destination.state) : undefined;
      if (destination.worker && destination.worker.key !== wanted) await this.stopWorker(destination);
      if (wanted && !destination.worker) await this.startWorker(tenantId, run, destination, wanted);
    }
  }

  private keyOf(tenantId: string, state: WebhookSubscriptionState): string {
    return `webhook/${tenantId}/${state.subscriptionId}/${state.replays}`;
  }

  private async startWorker(
    tenantId: string,
    run: TenantRun,
    destination: Destination,
    key: string,
  ): Promise<void> {
    const id = destination.state.subscriptionId;
    const saved = await this.checkpoints.load(key);
    const from = saved ?? (destination.state.replayAfter as Checkpoint | undefined) ?? destination.createdAt;
    const types = destination.state.eventTypes.map((type) => publicEventType(type)!.internalType);
    const stopped = new AbortController();
    // The checkpoint is saved at most every `checkpointEveryMs` (and on stop): a crash in
    // between only redelivers the last few events, with their webhook-ids (at-least-once),
    // and a delivery does not pay for a durable write of its own.
    let savedAt = saved ?? START;
    let acknowledged: Checkpoint = savedAt;
    let lastSave = 0;
    let saving: Promise<void> = Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    // Saves run one after another: a checkpoint store refuses to move back.
    const flush = (): Promise<void> => {
      saving = saving.then(async () => {
        if (acknowledged <= savedAt) return;
        const next = acknowledged;
        await this.checkpoints.save(key, next);
        savedAt = next;
        lastSave = Date.now();
      });
      return saving;
    };
    const every = this.options.checkpointEveryMs ?? 200;
    const later = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        flush().catch((error: unknown) => this.warn(`could not save the checkpoint ${key}`, error));
      }, every).unref();
    };
    const subscription = this.store.subscribe(tenantId, {
      after: from,
      types,
      handler: async (event) => {
        await this.deliver(tenantId, () => run.destinations.get(id)!.state, event, stopped.signal);
        acknowledged = event.checkpoint;
        if (Date.now() - lastSave >= every) await flush();
        else later();
      },
      onScanned: async (checkpoint) => {
        if (checkpoint > acknowledged) acknowledged = checkpoint;
        if (Date.now() - lastSave >= every) await flush();
        else later();
      },
    });
    destination.worker = { key, subscription, stopped, flush };
    subscription.done.catch((error) => {
      if (stopped.signal.aborted || run.stopped) return;
      this.warn(`webhook deliveries to ${id} stopped and will restart`, error);
      destination.worker = undefined;
      setTimeout(() => void this.reconcile(tenantId), 1000).unref();
    });
  }

  private async stopWorker(destination: Destination): Promise<void> {
    const worker = destination.worker;
    if (!worker) return;
    destination.worker = undefined;
    worker.stopped.abort();
    await worker.subscription.stop().catch(() => undefined);
    await worker
      .flush()
      .catch((error: unknown) => this.warn(`could not save the checkpoint ${worker.key}`, error));
  }

  /** Delivers one event, retrying with backoff; dead-letters it after the last attempt. Throws only when stopped. */
  private async deliver(
    tenantId: string,
    current: () => WebhookSubscriptionState,
    event: RecordedEvent,
    stopped: AbortSignal,
  ): Promise<void> {
    const subscriptionId = current().subscriptionId;
    const base = {
      subscriptionId,
      webhookId: event.eventId,
      eventType: event.type,
      subject: '',
      checkpoint: event.checkpoint,
    };
    let cloudEvent;
    try {
      cloudEvent = toCloudEvent(tenantId, event);
    } catch (error) {
      // An event that does not fit its published shape is never sent; it is dead-lettered at once, not retried.
      if (!(error instanceof UnpublishableEventError)) throw error;
      const updatedAt = this.clock();
      await this.deadLetter(tenantId, {
        ...base,
        status: 'RETRYING',
        attempts: 0,
        lastError: error.message,
        updatedAt,
      });
      return;
    }
    if (!cloudEvent) return;
    Object.assign(base, { eventType: cloudEvent.type, subject: cloudEvent.subject });
    const body = JSON.stringify(cloudEvent);
    const maxAttempts = this.options.maxAttempts ?? 8;
    let last: DeliveryRecord | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      if (stopped.aborted) throw new DeliveryStopped();
      const state = current();
      const secret = deriveWebhookSecret(
        this.options.operatorKey,
        tenantId,
        subscriptionId,
        state.secretNonce,
      );
      const timestamp = Math.floor((this.options.now ?? Date.now)() / 1000);
      const headers = signWebhook(secret, event.eventId, timestamp, body);
      const outcome = await postWebhook(state.url, { ...headers }, body, this.options.destinations ?? {}, {
        ...this.options.limits,
      });
      const updatedAt = this.clock();
      if (outcome.ok) {
        this.counters.delivered += 1;
        this.log.record(tenantId, {
          ...base,
          status: 'DELIVERED',
          attempts: attempt,
          responseCode: outcome.responseCode,
          updatedAt,
        });
        return;
      }
      this.counters.failedAttempts += 1;
      last = {
        ...base,
        status: 'RETRYING',
        attempts: attempt,
        lastError: outcome.error,
        ...(outcome.responseCode !== undefined ? { responseCode: outcome.responseCode } : {}),
        updatedAt,
      };
      this.log.record(tenantId, last);
      if (attempt < maxAttempts) await pause(backoffDelay(attempt, this.options.backoff), stopped);
    }
    if (stopped.aborted) throw new DeliveryStopped();
    await this.deadLetter(tenantId, last!);
  }

  private async deadLetter(tenantId: string, record: DeliveryRecord): Promise<void> {
    const stream = deadLetterStreamOf(record.subscriptionId);
    const commandId = `dead-letter:${record.webhookId}:${record.checkpoint}`;
    const principal = systemPrincipal(tenantId);
    const now = this.clock();
    await this.store.append(
      tenantId,
      stream,
      [
        {
          eventId: eventIdFor(tenantId, stream, commandId, 0),
          type: 'WebhookDeliveryDeadLettered',
          schemaVersion: 1,
          data: {
            subscriptionId: record.subscriptionId,
            eventId: record.webhookId,
            checkpoint: record.checkpoint,
            attempts: record.attempts,
            lastError: record.lastError ?? '',
            ...(record.responseCode !== undefined ? { responseCode: record.responseCode } : {}),
            deadLetteredAt: now,
          },
          metadata: {
            tenantId,
            actor: { userId: principal.userId, roles: principal.roles },
            commandId,
            correlationId: commandId,
            causationId: record.webhookId,
            effectiveAt: now,
          },
        },
      ],
      { expectedVersion: 'any' },
    );
    this.counters.deadLettered += 1;
    this.log.record(tenantId, { ...record, status: 'DEAD_LETTERED', updatedAt: now });
  }
}

/** The checkpoint of a log position, for replay inputs given as numbers. */
export const replayPosition = (position: number): Checkpoint => checkpointOf(position);

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new DeliveryStopped());
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', abort, { once: true });
    function done(): void {
      signal.removeEventListener('abort', abort);
      resolve();
    }
    function abort(): void {
      clearTimeout(timer);
      reject(new DeliveryStopped());
    }
  });
}

import type { CheckpointStore, Clock, DigestReason, EventStore, Subscription } from '@vouch/event-store';
import type { CommandHandler } from '../commands/command-handler';
import { isFinalRefusal } from '../commands/final-refusal';
import { systemPrincipal } from '../principal';
import type { ProcessManager } from './process-manager';

export interface ProcessManagerRunnerOptions {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly commands: CommandHandler;
  readonly checkpoints: CheckpointStore;
  readonly managers: readonly ProcessManager[];
  /** Signs a tenant's digest, when the product keeps signed digests. */
  readonly signDigest?: (tenantId: string, reason: DigestReason) => Promise<unknown>;
  /** Told about reactions the domain refused (already done, or no longer possible). */
  readonly onRefused?: (manager: string, eventId: string, error: Error) => void;
  /** Told when a subscription ended with an error; it is restarted after `restartDelayMs`. */
  readonly onFailure?: (manager: string, error: unknown) => void;
  readonly restartDelayMs?: number;
}

/**
 * Runs every process manager for a tenant: each on its own catch-up subscription from its
 * saved checkpoint, saving the checkpoint after each handled event. A crash between a
 * reaction and the checkpoint redelivers the event; the reaction's derived command id
 * makes that harmless (at-least-once delivery, exactly-once effect).
 */
export class ProcessManagerRunner {
  private readonly running = new Map<string, { subscription?: Subscription; stopped: boolean }>();

  constructor(private readonly options: ProcessManagerRunnerOptions) {}

  /** Starts the managers of a tenant (once); resolves when each has caught up with history. */
  async start(tenantId: string): Promise<void> {
    await Promise.all(this.options.managers.map((manager) => this.run(tenantId, manager)));
  }

  async stop(): Promise<void> {
    const all = [...this.running.values()];
    for (const entry of all) entry.stopped = true;
    await Promise.all(all.map((entry) => entry.subscription?.stop()));
    this.running.clear();
  }

  private async run(tenantId: string, manager: ProcessManager): Promise<void> {
    const key = `${tenantId}/${manager.name}`;
    if (this.running.has(key)) return;
    const entry: { subscription?: Subscription; stopped: boolean } = { stopped: false };
    this.running.set(key, entry);
    const { store, clock, commands, checkpoints, signDigest } = this.options;
    const system = systemPrincipal(tenantId);
    const after = await checkpoints.load(key);
    const subscription = store.subscribe(tenantId, {
      ...(after !== undefined ? { after } : {}),
      types: manager.eventTypes,
      handler: async (event) => {
        try {
          await manager.handle(event, {
            tenantId,
            store,
            now: clock(),
            execute: (command) => commands.execute(system, command),
            ...(signDigest ? { signDigest: (reason: DigestReason) => signDigest(tenantId, reason) } : {}),
          });
        } catch (error) {
          // A refused reaction is final (e.g. the candidate was already released, or erased);
          // anything else (store unavailable) ends the subscription so the event is retried later.
          if (!isFinalRefusal(error)) throw error;
          this.options.onRefused?.(manager.name, event.eventId, error as Error);
        }
        await checkpoints.save(key, event.checkpoint);
      },
      // Events of other types it looked past: resume after them, never scan them again.
      onScanned: (checkpoint) => checkpoints.save(key, checkpoint),
    });
    entry.subscription = subscription;
    subscription.done.catch((error) => {
      if (entry.stopped) return;
      this.options.onFailure?.(manager.name, error);
      this.running.delete(key);
      setTimeout(() => {
        if (!entry.stopped) void this.run(tenantId, manager);
      }, this.options.restartDelayMs ?? 1000).unref();
    });
    await subscription.caughtUp;
  }
}

import type {
  Checkpoint,
  CheckpointStore,
  DigestReason,
  EventStore,
  RecordedEvent,
  Subscription,
} from '@vouch/event-store';
import { START } from '@vouch/event-store';
import type { CommandHandler } from '../commands/command-handler';
import { isFinalRefusal } from '../commands/final-refusal';
import { systemPrincipal } from '../principal';
import { runStepAsIs, type BackgroundStepObserver } from '../tracing/background-step';
import type { ProcessManager, Reaction } from './process-manager';

export interface ProcessManagerRunnerOptions {
  readonly store: EventStore;
  /** Where command reactions go (the command handler: authorization, gates, idempotency). */
  readonly commands: Pick<CommandHandler, 'execute'>;
  readonly checkpoints: CheckpointStore;
  readonly managers: readonly ProcessManager[];
  /** Signs a tenant's digest, when the product keeps signed digests. */
  readonly signDigest?: (tenantId: string, reason: DigestReason) => Promise<unknown>;
  /** Told about reactions the domain refused (already done, or no longer possible). */
  readonly onRefused?: (manager: string, eventId: string, error: Error) => void;
  /** Told when a subscription ended with an error; it is restarted after `restartDelayMs`. */
  readonly onFailure?: (manager: string, error: unknown) => void;
  readonly restartDelayMs?: number;
  /** Runs around each reaction (a tracing span); default nothing. */
  readonly observeStep?: BackgroundStepObserver;
}

/**
 * Runs every process manager for a tenant and does all their I/O: each on its own catch-up
 * subscription to the event types it names, folding its state with `evolve`, carrying out
 * what `decide` returns for events after its saved checkpoint, and saving the checkpoint
 * after each event and past the events it looked at and skipped. A manager with state
 * learns it from the start of the log on each start (deciding nothing there). A crash
 * between a reaction and the checkpoint redelivers the event; the reaction's derived
 * command id makes that harmless (at-least-once delivery, exactly-once effect).
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
    const { store, checkpoints } = this.options;
    const decidedUpTo = await checkpoints.load(key);
    let state = manager.initialState?.();
    const learnsFromHistory = manager.evolve !== undefined;
    const from = learnsFromHistory ? START : decidedUpTo;
    // While relearning its state from history it decides nothing and never moves its checkpoint back.
    const isAfter = (checkpoint: Checkpoint): boolean =>
      decidedUpTo === undefined || checkpoint > decidedUpTo;
    const subscription = store.subscribe(tenantId, {
      ...(from !== undefined ? { after: from } : {}),
      types: manager.eventTypes,
      handler: async (event) => {
        const isNew = isAfter(event.checkpoint);
        if (isNew) {
          for (const reaction of manager.decide(event, state)) {
            await this.carryOut(tenantId, manager.name, event, reaction);
          }
        }
        if (manager.evolve) state = manager.evolve(state, event);
        if (isNew) await checkpoints.save(key, event.checkpoint);
      },
      // Events of other types it looked past: resume after them, never scan them again.
      onScanned: async (checkpoint) => {
        if (isAfter(checkpoint)) await checkpoints.save(key, checkpoint);
      },
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

  /** Carries out one reaction; a domain refusal is final and reported, anything else ends the subscription (retried later). */
  private async carryOut(
    tenantId: string,
    manager: string,
    event: RecordedEvent,
    reaction: Reaction,
  ): Promise<void> {
    const observe = this.options.observeStep ?? runStepAsIs;
    const step = {
      job: 'process-manager',
      name: manager,
      tenantId,
      reaction: reaction.kind,
      eventType: event.type,
      ...(reaction.kind === 'command' ? { commandType: reaction.command.type } : {}),
    } as const;
    return observe(step, () => this.react(tenantId, manager, event, reaction));
  }

  private async react(
    tenantId: string,
    manager: string,
    event: RecordedEvent,
    reaction: Reaction,
  ): Promise<void> {
    try {
      switch (reaction.kind) {
        case 'command':
          await this.options.commands.execute(systemPrincipal(tenantId), reaction.command);
          return;
        case 'forgetSubject':
          await this.options.store.forgetSubject(tenantId, reaction.subjectId);
          return;
        case 'signDigest':
          await this.options.signDigest?.(tenantId, reaction.reason);
          return;
      }
    } catch (error) {
      // A refused reaction is final (e.g. the candidate was already released, or erased);
      // anything else (store unavailable) ends the subscription so the event is retried later.
      if (!isFinalRefusal(error)) throw error;
      this.options.onRefused?.(manager, event.eventId, error as Error);
    }
  }
}

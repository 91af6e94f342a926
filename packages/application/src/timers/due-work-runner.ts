import type { Checkpoint, Clock, EventStore, Subscription } from '@vouch/event-store';
import type { CommandHandler } from '../commands/command-handler';
import { isFinalRefusal } from '../commands/final-refusal';
import type { VouchCommand } from '../commands/vouch-command';
import { systemPrincipal } from '../principal';
import { CheckpointProgress } from '../process-managers/checkpoint-progress';
import { runStepAsIs, type BackgroundStepObserver } from '../tracing/background-step';
import { DUE_WORK_EVENT_TYPES, DueWorkIndex } from './due-work-index';

export interface DueWorkRunnerOptions {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly commands: Pick<CommandHandler, 'execute'>;
  /** How often to look for due work; default one minute. 0 disables the timer (call `tick`). */
  readonly intervalMs?: number;
  readonly onRefused?: (key: string, error: Error) => void;
  /** Runs around each due command (a tracing span); default nothing. */
  readonly observeStep?: BackgroundStepObserver;
}

/**
 * Issues the commands that time makes due, per tenant. The index is rebuilt from the log
 * at start, and each command id is derived from the item, so a restart or a second tick
 * never does the same work twice.
 */
export class DueWorkRunner {
  private readonly tenants = new Map<
    string,
    { index: DueWorkIndex; subscription: Subscription; progress: CheckpointProgress }
  >();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: DueWorkRunnerOptions) {}

  async start(tenantId: string): Promise<void> {
    if (this.tenants.has(tenantId)) return;
    const index = new DueWorkIndex();
    const progress = new CheckpointProgress();
    const subscription = this.options.store.subscribe(tenantId, {
      types: DUE_WORK_EVENT_TYPES,
      handler: (event) => {
        index.apply(event);
        progress.advance(event.checkpoint);
      },
      onScanned: (checkpoint) => progress.advance(checkpoint),
    });
    subscription.done.catch((error: unknown) => progress.fail(error));
    this.tenants.set(tenantId, { index, subscription, progress });
    await subscription.caughtUp;
    const interval = this.options.intervalMs ?? 60_000;
    if (interval > 0 && !this.timer) {
      this.timer = setInterval(() => void this.tick().catch(() => undefined), interval);
      this.timer.unref();
    }
  }

  /** Issues every command due now, in every started tenant; returns how many it issued. */
  async tick(): Promise<number> {
    let issued = 0;
    const now = this.options.clock();
    const observe = this.options.observeStep ?? runStepAsIs;
    for (const [tenantId, { index }] of this.tenants) {
      for (const item of index.due(now)) {
        const command = {
          type: item.command.type,
          commandId: `due:${item.key}:${item.dueAt}`,
          aggregateId: item.command.aggregateId,
          data: item.command.data,
        } as unknown as VouchCommand;
        try {
          const step = {
            job: 'due-work',
            name: command.type,
            tenantId,
            reaction: 'command',
            commandType: command.type,
          } as const;
          await observe(step, () => this.options.commands.execute(systemPrincipal(tenantId), command));
          issued += 1;
        } catch (error) {
          if (!isFinalRefusal(error)) throw error;
          this.options.onRefused?.(item.key, error as Error);
        }
        index.done(item.key);
      }
    }
    return issued;
  }

  /** Resolves once the tenant's index of due work has read the log up to `checkpoint` (at once for a tenant not started). */
  async reached(tenantId: string, checkpoint: Checkpoint): Promise<void> {
    await this.tenants.get(tenantId)?.progress.reached(checkpoint);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await Promise.all([...this.tenants.values()].map((t) => t.subscription.stop()));
    for (const t of this.tenants.values()) t.progress.end();
    this.tenants.clear();
  }
}

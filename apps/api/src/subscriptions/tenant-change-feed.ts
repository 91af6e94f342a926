import type { EventStore, RecordedEvent, Subscription } from '@vouch/event-store';
import type { Logger } from 'pino';

/** Who hears a tenant's events, and is told when the feed breaks. */
export interface ChangeListener {
  event(event: RecordedEvent): void;
  fail(error: Error): void;
}

type Listener = ChangeListener;

interface TenantFeed {
  readonly listeners: Set<Listener>;
  readonly subscription: Promise<Subscription>;
}

/**
 * The live events of each tenant that has subscribers: one store subscription per tenant,
 * started at the tenant's head when its first subscriber arrives and stopped when its last
 * leaves, fanned out to that tenant's listeners only. A tenant's events never reach
 * another tenant's listeners: the store subscription itself is scoped to the tenant.
 */
export class TenantChangeFeed {
  private readonly feeds = new Map<string, TenantFeed>();

  constructor(
    private readonly store: EventStore,
    private readonly logger: Logger,
  ) {}

  /** Calls `listener` with every event the tenant records from now on; returns the unsubscribe. */
  async listen(tenantId: string, listener: Listener): Promise<() => void> {
    let feed = this.feeds.get(tenantId);
    if (!feed) {
      const listeners = new Set<Listener>();
      feed = { listeners, subscription: this.start(tenantId, listeners) };
      this.feeds.set(tenantId, feed);
    }
    feed.listeners.add(listener);
    const current = feed;
    try {
      await current.subscription;
    } catch (error) {
      current.listeners.delete(listener);
      throw error;
    }
    return () => {
      current.listeners.delete(listener);
      if (current.listeners.size === 0 && this.feeds.get(tenantId) === current) {
        this.feeds.delete(tenantId);
        void current.subscription.then((subscription) => subscription.stop()).catch(() => undefined);
      }
    };
  }

  /** Stops every tenant's store subscription. */
  async stop(): Promise<void> {
    const feeds = [...this.feeds.values()];
    this.feeds.clear();
    await Promise.all(
      feeds.map((feed) =>
        feed.subscription.then((subscription) => subscription.stop()).catch(() => undefined),
      ),
    );
  }

  private async start(tenantId: string, listeners: Set<Listener>): Promise<Subscription> {
    try {
      // Live events only: start after the tenant's last event (the heads' checkpoint).
      const { checkpoint } = await this.store.streamHeads(tenantId);
      const subscription = this.store.subscribe(tenantId, {
        after: checkpoint,
        handler: (event) => {
          for (const listener of listeners) listener.event(event);
        },
      });
      subscription.done.catch((error: unknown) => {
        this.logger.error({ err: error, tenantId }, 'the change feed of a tenant stopped');
        if (this.feeds.get(tenantId)?.listeners === listeners) this.feeds.delete(tenantId);
        const failure = new Error('The change feed stopped; subscribe again.');
        for (const listener of listeners) listener.fail(failure);
      });
      return subscription;
    } catch (error) {
      if (this.feeds.get(tenantId)?.listeners === listeners) this.feeds.delete(tenantId);
      throw error;
    }
  }
}

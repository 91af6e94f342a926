import type { ClientConfig, Notification } from 'pg';
import { Client } from 'pg';
import type { PostgresDatabase } from '../database/postgres-database';
import { fromSqlText, toSqlText } from '../database/sql-text';

const RECONNECT_MIN_MS = 100;
// Appends within this window share one NOTIFY per tenant: a NOTIFY per append costs the
// writers about a third of their throughput, and a few ms is far below any poll interval.
const COALESCE_MS = 5;
const RECONNECT_MAX_MS = 5000;

/**
 * Live delivery across processes: after a commit, the writer NOTIFYs the tenant on the
 * schema's channel, and every process LISTENing wakes its subscriptions of that tenant.
 *
 * The NOTIFY is sent after the commit, outside the append's transaction, because a
 * NOTIFY inside it takes a cluster-wide lock at commit and would serialise all appends.
 * Notifications are an optimisation only: a lost one (a crash between commit and NOTIFY,
 * or a listener reconnecting) is covered by the subscriptions' polling. Notifications of
 * a few milliseconds are coalesced, so a busy writer sends one per tenant per window.
 */
export class EventNotifier {
  private readonly listeners = new Set<(tenantId: string) => void>();
  private readonly pending = new Set<string>();
  private flushScheduled = false;
  private listener: Client | undefined;
  private reconnectDelay = RECONNECT_MIN_MS;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly database: PostgresDatabase,
    private readonly clientConfig: ClientConfig,
  ) {}

  private get channel(): string {
    return `${this.database.schemaName}_events`;
  }

  /** Calls the listener for every tenant that another process (or this one) wrote to. */
  watch(listener: (tenantId: string) => void): () => void {
    this.listeners.add(listener);
    if (!this.listener && !this.reconnectTimer) void this.connect();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.disconnect();
    };
  }

  /** Tells this process's watchers now, and other processes' soon (coalesced, not awaited). */
  committed(tenantId: string): void {
    for (const listener of this.listeners) listener(tenantId);
    this.pending.add(tenantId);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setTimeout(() => void this.flush(), COALESCE_MS).unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    this.disconnect();
  }

  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const tenants = [...this.pending].map(toSqlText);
    this.pending.clear();
    if (this.closed || tenants.length === 0) return;
    try {
      await this.database.pool.query('SELECT pg_notify($1, tenant) FROM unnest($2::text[]) AS tenant', [
        this.channel,
        tenants,
      ]);
    } catch {
      // Polling delivers what this notification would have announced.
    }
  }

  private async connect(): Promise<void> {
    this.reconnectTimer = undefined;
    if (this.closed || this.listeners.size === 0) return;
    const client = new Client(this.clientConfig);
    this.listener = client;
    client.on('notification', (message: Notification) => this.deliver(message));
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
      this.reconnectDelay = RECONNECT_MIN_MS;
    } catch {
      this.lost(client);
    }
  }

  private deliver(message: Notification): void {
    if (message.channel !== this.channel || message.payload === undefined) return;
    const tenantId = fromSqlText(message.payload);
    for (const listener of this.listeners) listener(tenantId);
  }

  private lost(client: Client): void {
    if (this.listener !== client) return;
    this.listener = undefined;
    void client.end().catch(() => undefined);
    if (this.closed || this.listeners.size === 0) return;
    this.reconnectTimer = setTimeout(() => void this.connect(), this.reconnectDelay);
    this.reconnectTimer.unref();
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, RECONNECT_MAX_MS);
  }

  private disconnect(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const client = this.listener;
    this.listener = undefined;
    void client?.end().catch(() => undefined);
  }
}

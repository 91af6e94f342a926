import { createHash } from 'node:crypto';
import type { ClientConfig, Notification, PoolClient } from 'pg';
import { Client } from 'pg';
import type { PostgresDatabase } from '../database/postgres-database';
import { fromSqlText, toSqlText } from '../database/sql-text';

const RECONNECT_MIN_MS = 100;
// Appends within this window share one NOTIFY per tenant: a NOTIFY per append costs the
// writers about a third of their throughput, and a few ms is far below any poll interval.
const COALESCE_MS = 5;
const RECONNECT_MAX_MS = 5000;
/** Echoes of its own notifications a notifier waits for at most (a listener that lost some never gets them). */
const ECHOES_KEPT = 1000;
/**
 * How long a notifier that found no other process listening sends no NOTIFY. A listener
 * that connects meanwhile hears of commits by polling (every 250 ms by default) until then.
 */
const NOBODY_ELSE_FOR_MS = 1000;

/**
 * Live delivery across processes: after a commit, the writer NOTIFYs the tenant on the
 * schema's channel, and every process LISTENing wakes its subscriptions of that tenant.
 *
 * The NOTIFY is sent after the commit, outside the append's transaction, because a
 * NOTIFY inside it takes a cluster-wide lock at commit and would serialise all appends.
 * Notifications are an optimisation only: a lost one (a crash between commit and NOTIFY,
 * or a listener reconnecting) is covered by the subscriptions' polling. Notifications of
 * a few milliseconds are coalesced, so a busy writer sends one per tenant per window.
 * This process's own watchers hear of its commits at once (`committed`); the server's echo
 * of its own NOTIFY, recognised by the sending connection's backend, would wake them a
 * second time for the same commits and is dropped.
 *
 * A NOTIFY is a round trip per commit (per window), paid even when no other process
 * listens — a bulk load such as the demo seed. Listeners connect under an application name
 * of their schema (`listenerNameOf`), and the NOTIFY statement sends only while a listening
 * connection other than this notifier's own is there; when there was none it says so, and
 * this notifier sends nothing for `NOBODY_ELSE_FOR_MS`, then asks again with the next NOTIFY.
 */
export class EventNotifier {
  private readonly listeners = new Set<(tenantId: string) => void>();
  private readonly pending = new Set<string>();
  private flushScheduled = false;
  private listener: Client | undefined;
  /**
   * The backend of `listener` once it is connected, LISTEN in place or not: its own connection
   * is never "another listener", and an echo may come back as soon as its LISTEN lands, which
   * can be before the NOTIFY that a flush sent meanwhile commits.
   */
  private listenerBackend: number | undefined;
  /** Echoes still to come of this notifier's NOTIFYs, by `${backend pid}:${payload}`, and how many. */
  private readonly echoes = new Map<string, number>();
  /** Until when (ms since the epoch) no other process was listening, as the last NOTIFY found. */
  private nobodyElseUntil = 0;
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
    // Nobody else listened a moment ago: they will poll (or the next window asks again).
    if (Date.now() < this.nobodyElseUntil) return;
    let client: PoolClient | undefined;
    let expected: string[] = [];
    let sent: boolean;
    try {
      client = await this.database.pool.connect();
      // Known before the NOTIFY is sent: its echo may come back before the statement's answer.
      const backend = (client as PoolClient & { processID?: number }).processID;
      if (this.listenerBackend !== undefined && backend !== undefined) {
        expected = tenants.map((tenant) => `${backend}:${tenant}`);
        if (this.echoes.size > ECHOES_KEPT) this.echoes.clear();
        for (const echo of expected) this.echoes.set(echo, (this.echoes.get(echo) ?? 0) + 1);
      }
      const own = this.listenerBackend ?? 0;
      const { rows } = await client.query<{ sent: boolean }>({
        name: `${this.database.schemaName}.notify_listeners`,
        // Another listener of this database (not this notifier's own) decides whether to send.
        text: `WITH others AS (
                 SELECT 1 FROM pg_stat_activity
                  WHERE application_name = $3 AND pid <> $4
                    AND datid = (SELECT oid FROM pg_database WHERE datname = current_database())
                  LIMIT 1)
               SELECT EXISTS (SELECT 1 FROM others) AS sent,
                      (SELECT count(pg_notify($1, tenant)) FROM unnest($2::text[]) AS tenant
                        WHERE EXISTS (SELECT 1 FROM others)) AS notified`,
        values: [this.channel, tenants, this.listenerName, own],
      });
      sent = rows[0]?.sent === true;
    } catch (error) {
      // Sent or not, no echo is waited for; polling delivers what it would have announced.
      for (const echo of expected) this.forgetEcho(echo);
      client?.release(error as Error);
      return;
    }
    client.release();
    if (!sent) {
      for (const echo of expected) this.forgetEcho(echo);
      this.nobodyElseUntil = Date.now() + NOBODY_ELSE_FOR_MS;
    }
  }

  /** The application name every listening connection of this schema connects under. */
  private get listenerName(): string {
    return listenerNameOf(this.database.schemaName);
  }

  /** True (and forgotten) when the notification is the echo of one this notifier sent. */
  private isEcho(message: Notification): boolean {
    const echo = `${message.processId}:${message.payload}`;
    if (!this.echoes.has(echo)) return false;
    this.forgetEcho(echo);
    return true;
  }

  private forgetEcho(echo: string): void {
    const count = this.echoes.get(echo) ?? 0;
    if (count <= 1) this.echoes.delete(echo);
    else this.echoes.set(echo, count - 1);
  }

  private async connect(): Promise<void> {
    this.reconnectTimer = undefined;
    if (this.closed || this.listeners.size === 0) return;
    const client = new Client({ ...this.clientConfig, application_name: this.listenerName });
    this.listener = client;
    client.on('notification', (message: Notification) => this.deliver(message));
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      if (this.listener === client)
        this.listenerBackend = (client as Client & { processID?: number }).processID;
      await client.query(`LISTEN "${this.channel}"`);
      this.reconnectDelay = RECONNECT_MIN_MS;
    } catch {
      this.lost(client);
    }
  }

  private deliver(message: Notification): void {
    if (message.channel !== this.channel || message.payload === undefined) return;
    // This process's watchers were told of its own commits as they returned.
    if (this.isEcho(message)) return;
    const tenantId = fromSqlText(message.payload);
    for (const listener of this.listeners) listener(tenantId);
  }

  private lost(client: Client): void {
    if (this.listener !== client) return;
    this.listener = undefined;
    this.stopListening();
    void client.end().catch(() => undefined);
    if (this.closed || this.listeners.size === 0) return;
    this.reconnectTimer = setTimeout(() => void this.connect(), this.reconnectDelay);
    this.reconnectTimer.unref();
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, RECONNECT_MAX_MS);
  }

  // Echoes sent to a listener that is gone never arrive.
  private stopListening(): void {
    this.listenerBackend = undefined;
    this.echoes.clear();
  }

  private disconnect(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const client = this.listener;
    this.listener = undefined;
    this.stopListening();
    void client?.end().catch(() => undefined);
  }
}

/**
 * The application name of a schema's listening connections: fixed length and plain ASCII,
 * so the server's 63-byte limit never cuts it and writers compare it exactly.
 */
export function listenerNameOf(schemaName: string): string {
  return `vouch listen ${createHash('sha256').update(schemaName).digest('hex').slice(0, 32)}`;
}

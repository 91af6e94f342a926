import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ClientConfig } from 'pg';
import { Client } from 'pg';
import { AdvisoryLockSpace } from '../database/advisory-locks';
import { whileAvailable } from '../database/connection-failure';
import type { PostgresDatabase } from '../database/postgres-database';
import { toSqlText } from '../database/sql-text';

/** How a lease is held and waited for. */
export interface LeaseOptions {
  /** How long a claim lasts without renewal; the holder renews every third of it. Default 10 s. */
  readonly ttlMs?: number;
  /** Who holds it, for operators reading the `leases` table; default host:pid:random. */
  readonly holder?: string;
  /** How often a waiting contender tries again; default a fifth of the ttl. */
  readonly retryMs?: number;
  /** Gives up waiting (acquire rejects with the signal's reason). */
  readonly signal?: AbortSignal;
}

/**
 * The right to run one named projection or process manager, held by exactly one process.
 *
 * Two mechanisms together: a session advisory lock on a dedicated connection makes
 * contenders take turns and is released the moment the holder's process dies; the
 * `leases` row's expiry bounds how long a holder that lost its connection may still
 * believe it holds the lease, so a successor waits for it before starting. The holder
 * gives the lease up (aborts `lost`) when a renewal fails or its local deadline passes.
 */
export class HeldLease {
  private readonly controller = new AbortController();
  private renewTimer: NodeJS.Timeout | undefined;
  private deadlineTimer: NodeJS.Timeout | undefined;
  private deadline: number;

  /** @internal Created by `acquireLease`. */
  constructor(
    private readonly client: Client,
    private readonly database: PostgresDatabase,
    readonly name: string,
    readonly holder: string,
    /** Grows with every change of holder: pass it along to fence writes. */
    readonly token: number,
    private readonly ttlMs: number,
    claimedAt: number,
  ) {
    this.deadline = claimedAt + ttlMs;
    client.on('error', () => this.lose('the lease connection failed'));
    client.on('end', () => this.lose('the lease connection closed'));
    this.scheduleRenewal();
  }

  /** Aborted when the lease is lost; stop working at once when it fires. */
  get lost(): AbortSignal {
    return this.controller.signal;
  }

  /** True while the lease is held and its last renewal is younger than the ttl. */
  isHeld(): boolean {
    return !this.controller.signal.aborted && Date.now() < this.deadline;
  }

  /** Gives the lease up so that a waiting process takes over at once. */
  async release(): Promise<void> {
    if (this.controller.signal.aborted) return;
    this.stopTimers();
    try {
      await this.client.query(
        `UPDATE ${this.database.schema}.leases SET expires_at = now() WHERE name = $1 AND holder = $2 AND token = $3`,
        [toSqlText(this.name), this.holder, this.token],
      );
    } finally {
      this.lose('released');
    }
  }

  private scheduleRenewal(): void {
    this.renewTimer = setTimeout(() => void this.renew(), Math.max(10, Math.floor(this.ttlMs / 3)));
    this.renewTimer.unref();
    if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
    this.deadlineTimer = setTimeout(
      () => {
        if (Date.now() >= this.deadline) this.lose('the lease expired before it could be renewed');
      },
      Math.max(0, this.deadline - Date.now()),
    );
    this.deadlineTimer.unref();
  }

  private async renew(): Promise<void> {
    const sentAt = Date.now();
    try {
      const result = await this.client.query(
        `UPDATE ${this.database.schema}.leases SET expires_at = now() + $4 * interval '1 millisecond'
          WHERE name = $1 AND holder = $2 AND token = $3`,
        [toSqlText(this.name), this.holder, this.token, this.ttlMs],
      );
      if (result.rowCount !== 1) return this.lose('another process holds the lease');
    } catch {
      return this.lose('the lease could not be renewed');
    }
    if (this.controller.signal.aborted) return;
    // Measured from before the renewal was sent: never later than the row's expiry.
    this.deadline = sentAt + this.ttlMs;
    this.scheduleRenewal();
  }

  private lose(reason: string): void {
    if (this.controller.signal.aborted) return;
    this.stopTimers();
    this.controller.abort(new Error(`Lease ${this.name} lost: ${reason}.`));
    // Closing the session releases the advisory lock.
    void this.client.end().catch(() => undefined);
  }

  private stopTimers(): void {
    if (this.renewTimer) clearTimeout(this.renewTimer);
    if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
  }
}

/** Waits until this process holds the named lease (advisory lock plus expiry), then returns it. */
export async function acquireLease(
  database: PostgresDatabase,
  name: string,
  options: LeaseOptions = {},
): Promise<HeldLease> {
  const ttlMs = options.ttlMs ?? 10_000;
  const retryMs = options.retryMs ?? Math.max(10, Math.floor(ttlMs / 5));
  const holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const key = JSON.stringify([database.schemaName, name]);
  const s = database.schema;
  const client = new Client(database.pool.options as ClientConfig);
  client.on('error', () => undefined);
  try {
    await whileAvailable('connect for a lease', () => client.connect());
    for (;;) {
      options.signal?.throwIfAborted();
      const [{ locked }] = (
        await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [
          AdvisoryLockSpace.LEASES,
          key,
        ])
      ).rows as [{ locked: boolean }];
      if (!locked) {
        await terminateStaleHolder(client, s, name, key, ttlMs);
        await sleep(retryMs, options.signal);
        continue;
      }
      // We hold the lock; a previous holder whose connection died may still be inside
      // its ttl (it cannot know yet): wait until its claim has run out.
      for (;;) {
        const { rows } = await client.query<{ holder: string; remaining_ms: number }>(
          `SELECT holder, greatest(0, extract(epoch FROM expires_at - clock_timestamp()) * 1000)::float8 AS remaining_ms
             FROM ${s}.leases WHERE name = $1`,
          [toSqlText(name)],
        );
        const current = rows[0];
        if (!current || current.holder === holder || current.remaining_ms <= 0) break;
        await sleep(Math.ceil(current.remaining_ms) + 1, options.signal);
      }
      const claimedAt = Date.now();
      const { rows } = await client.query<{ token: string }>(
        `INSERT INTO ${s}.leases AS l (name, holder, token, expires_at)
         VALUES ($1, $2, 1, now() + $3 * interval '1 millisecond')
         ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, token = l.token + 1, expires_at = EXCLUDED.expires_at
         RETURNING token`,
        [toSqlText(name), holder, ttlMs],
      );
      return new HeldLease(client, database, name, holder, Number(rows[0]!.token), ttlMs, claimedAt);
    }
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}

// A holder whose process hangs keeps its connection, and with it the lock, but stops
// renewing. Once its claim is a full ttl past expiry, end its session: that releases
// the lock, and the hung process finds its lease lost when it wakes.
async function terminateStaleHolder(
  client: Client,
  s: string,
  name: string,
  key: string,
  ttlMs: number,
): Promise<void> {
  await client.query(
    `SELECT pg_terminate_backend(l.pid)
       FROM pg_locks l
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND l.classid::bigint = $1 AND l.objid::bigint = (hashtext($2)::bigint & 4294967295)
        AND EXISTS (SELECT 1 FROM ${s}.leases
                     WHERE name = $3 AND expires_at < now() - $4 * interval '1 millisecond')`,
    [AdvisoryLockSpace.LEASES, key, toSqlText(name), ttlMs],
  );
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      if (signal?.aborted) reject(signal.reason);
      else resolve();
    }
  });
}

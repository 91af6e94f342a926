import type { PoolClient, QueryResultRow } from 'pg';
import { Pool } from 'pg';
import { isConnectionFailure, whileAvailable } from './connection-failure';
import { schemaIdentifier } from './sql-identifier';

/** How to reach the database and which schema holds Vouch's tables. */
export interface PostgresConnectionOptions {
  /** A `postgres://` URL; ignored when `pool` is given. */
  readonly connectionString?: string;
  /** An existing pool to share; the store then leaves closing it to its owner. */
  readonly pool?: Pool;
  /** Schema of the events, keys, checkpoints and leases; default `vouch`. */
  readonly schema?: string;
  /** Most pooled connections; default 10. */
  readonly maxConnections?: number;
  /** How long a call waits for a connection before failing as unavailable; default 5000 ms. */
  readonly connectTimeoutMs?: number;
  /**
   * Wait for every commit's WAL flush before acknowledging it (default true). False is for
   * a bulk load that is rerun if it fails (the demo seed): a server crash may lose the last
   * commits (PostgreSQL's `synchronous_commit = off`: never corruption, never a torn or
   * reordered history, only a shorter one), as SQLite's NORMAL durability may.
   */
  readonly synchronousCommit?: boolean;
}

/**
 * A connection pool bound to one schema. Every call turns a lost server into a typed
 * StoreUnavailableError; the pool opens fresh connections on the next call, so the
 * process recovers by itself once the server is back.
 */
export class PostgresDatabase {
  /** The schema name, unquoted (as configured). */
  readonly schemaName: string;
  /** The schema name quoted for SQL. */
  readonly schema: string;
  readonly pool: Pool;
  private readonly ownsPool: boolean;
  private closed = false;

  constructor(options: PostgresConnectionOptions) {
    this.schemaName = options.schema ?? 'vouch';
    this.schema = schemaIdentifier(this.schemaName);
    if (options.pool) {
      this.pool = options.pool;
      this.ownsPool = false;
    } else {
      if (!options.connectionString) throw new Error('PostgreSQL needs a connectionString or a pool.');
      this.pool = new Pool({
        connectionString: options.connectionString,
        max: options.maxConnections ?? 10,
        connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
        keepAlive: true,
        // A startup parameter, so every pooled connection has it from its first statement.
        ...(options.synchronousCommit === false ? { options: '-c synchronous_commit=off' } : {}),
      });
      this.ownsPool = true;
    }
    // An idle connection that the server drops emits 'error' on the pool; without a
    // listener that would crash the process. The pool discards it and connects anew.
    this.pool.on('error', () => undefined);
    // A checked-out connection whose server goes away emits 'error' on the client itself;
    // the query in flight fails on its own, so the event only needs a listener.
    this.pool.on('connect', (client) => client.on('error', () => undefined));
  }

  /**
   * Runs one statement on any pooled connection. A `prepareAs` name makes it a prepared
   * statement (parsed and planned once per connection): for the hot paths.
   */
  async query<Row extends QueryResultRow = QueryResultRow>(
    what: string,
    text: string,
    values?: unknown[],
    prepareAs?: string,
  ): Promise<Row[]> {
    const config = prepareAs ? { name: `${this.schemaName}.${prepareAs}`, text, values } : { text, values };
    return whileAvailable(what, async () => (await this.pool.query<Row>(config)).rows);
  }

  /** Runs `work` in a transaction on one connection; commits when it resolves, rolls back when it throws. */
  async transaction<T>(what: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
    return whileAvailable(what, async () => {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        try {
          const result = await work(client);
          await client.query('COMMIT');
          return result;
        } catch (error) {
          if (isConnectionFailure(error)) broken = error as Error;
          else await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
          throw error;
        }
      } catch (error) {
        broken ??= isConnectionFailure(error) ? (error as Error) : undefined;
        throw error;
      } finally {
        // A connection that failed mid-transaction is destroyed, never reused.
        client.release(broken);
      }
    });
  }

  /** Closes the pool if this object created it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsPool) await this.pool.end();
  }
}

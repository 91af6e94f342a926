import type {
  DataKeyLookup,
  EventStoreOptions,
  KeyVault,
  ReadableEvent,
  StreamTailRange,
  SubscribeOptions,
  Subscription,
} from '@vouch/event-store';
import {
  CatchUpSubscription,
  EngineEventStore,
  MasterKeyVault,
  START,
  StoreUnavailableError,
  checkpointOf,
  positionOf,
  systemClock,
} from '@vouch/event-store';
import type { ClientConfig, PoolClient } from 'pg';
import type { PostgresConnectionOptions } from './database/postgres-database';
import { PostgresDatabase } from './database/postgres-database';
import type { HeldLease, LeaseOptions } from './leases/postgres-lease';
import { acquireLease } from './leases/postgres-lease';
import { PostgresSignedDigestLog } from './integrity/postgres-signed-digest-log';
import { EventNotifier } from './notifications/event-notifier';
import { checkPostgresMasterKey, recordPostgresKeyCheck } from './personal-data/postgres-master-key-check';
import { PostgresWrappedKeyRepository } from './personal-data/postgres-wrapped-key-repository';
import { PostgresStorageEngine } from './postgres-storage-engine';
import { PostgresCheckpointStore } from './projections/postgres-checkpoint-store';
import { migrate } from './schema/migrate';
import { retryWhileUnavailable } from './subscriptions/retry-while-unavailable';

export interface PostgresEventStoreOptions
  extends Omit<EventStoreOptions, 'vault'>, PostgresConnectionOptions {
  /** Wraps the data keys kept in the same database; 32 bytes from configuration. */
  readonly masterKey?: Buffer;
  /** Another vault instead of the in-database one (then no master key is needed). */
  readonly vault?: KeyVault;
  /** Run pending migrations on open; default true. */
  readonly migrate?: boolean;
}

/**
 * The event store on PostgreSQL: events, data keys, projection checkpoints and leases in
 * one schema. Many processes may share it; subscriptions are gap-free under concurrent
 * writers, live through LISTEN/NOTIFY and survive the server going away and coming back.
 */
export class PostgresEventStore extends EngineEventStore {
  readonly database: PostgresDatabase;
  readonly checkpoints: PostgresCheckpointStore;
  /** The digests the product signed, in the same schema (the signing key never is). */
  readonly signedDigests: PostgresSignedDigestLog;
  private readonly live = new Set<Subscription>();
  private isClosed = false;

  private constructor(
    database: PostgresDatabase,
    private readonly postgres: PostgresStorageEngine,
    options: PostgresEventStoreOptions,
    vault: KeyVault,
    /** The vault when its keys live in this schema (no vault given): read with the events then. */
    private readonly keysHere: MasterKeyVault | undefined,
  ) {
    super(postgres, { ...options, vault });
    this.database = database;
    this.checkpoints = new PostgresCheckpointStore(database);
    this.signedDigests = new PostgresSignedDigestLog(database);
  }

  /**
   * Connects, checks the master key (MasterKeyMismatchError before anything is migrated,
   * read or written when it is not the schema's), migrates (unless told not to) and
   * returns the store.
   */
  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const database = new PostgresDatabase(options);
    try {
      let vault = options.vault;
      let keysHere: MasterKeyVault | undefined;
      let keyCheck: string | undefined;
      const store = `PostgreSQL schema ${database.schemaName}`;
      if (!vault) {
        if (!options.masterKey) {
          throw new Error('PostgresEventStore needs a masterKey (32 bytes from configuration) or a vault.');
        }
        // Before migrating: a wrong master key stops the open having written nothing.
        keyCheck = await checkPostgresMasterKey(database, options.masterKey, store);
        vault = keysHere = new MasterKeyVault(options.masterKey, new PostgresWrappedKeyRepository(database));
      }
      if (options.migrate ?? true) await migrate(database);
      if (keyCheck !== undefined) {
        const now = options.clock ?? systemClock;
        await recordPostgresKeyCheck(database, options.masterKey!, keyCheck, now(), store);
      }
      const notifier = new EventNotifier(database, database.pool.options as ClientConfig);
      const engine = new PostgresStorageEngine(database, notifier);
      return new PostgresEventStore(database, engine, options, vault, keysHere);
    } catch (error) {
      await database.close();
      throw error;
    }
  }

  /**
   * Like every store's subscription (the subscriptions one commit wakes share one read of
   * the tenant's log tail), but a lost server does not end it: reads are retried until the
   * server is back, and it resumes after the last event it handled.
   */
  override subscribe(tenantId: string, options: SubscribeOptions): Subscription {
    if (this.isClosed) throw new StoreUnavailableError('The event store is closed.');
    const stopping = new AbortController();
    const types = options.types;
    const tail = this.tailScanOf(tenantId);
    const inner = new CatchUpSubscription(
      {
        read: (after, limit) =>
          retryWhileUnavailable(
            async () => {
              const scan = await tail.scan(positionOf(after), limit, types);
              return {
                // Shared by every subscription the scan woke: decoded into copies.
                events: await this.decode(tenantId, scan.events, false),
                scannedTo: checkpointOf(scan.scannedTo),
                reachedEnd: scan.reachedEnd,
              };
            },
            stopping.signal,
            { events: [], scannedTo: after, reachedEnd: true },
          ),
        watch: (onChange) => this.engine.watch((changed) => changed === tenantId && onChange()),
      },
      options.after ?? START,
      options.handler,
      options.batchSize ?? 500,
      options.pollIntervalMs ?? 250,
      options.onScanned,
    );
    const subscription: Subscription = {
      get checkpoint() {
        return inner.checkpoint;
      },
      caughtUp: inner.caughtUp,
      done: inner.done,
      stop: async () => {
        const stopped = inner.stop();
        stopping.abort();
        await stopped;
      },
    };
    this.live.add(subscription);
    const forget = () => {
      this.live.delete(subscription);
      this.releaseTailScan(tenantId);
    };
    inner.done.then(forget, forget);
    return subscription;
  }

  /**
   * The tails and their keys in one statement when this schema holds the vault's keys: the
   * keys of the subjects asked about come with the events (same snapshot); a tail's personal
   * event of another subject (a stream read for the first time) costs one look-up more.
   */
  protected override async tailsWithKeys(
    tenantId: string,
    ranges: readonly StreamTailRange[],
    erasedOf: readonly string[],
  ): Promise<{ pages: ReadableEvent[][]; keys: ReadonlyMap<string, DataKeyLookup> }> {
    if (!this.keysHere) return super.tailsWithKeys(tenantId, ranges, erasedOf);
    const read = await this.postgres.readStreamTailsWithKeys(tenantId, ranges, erasedOf);
    const keys = this.keysHere.lookupsFrom(tenantId, erasedOf, read.keys);
    const more = new Set<string>();
    for (const page of read.pages) {
      for (const event of page)
        if (event.personal && !keys.has(event.personal.subjectId)) more.add(event.personal.subjectId);
    }
    if (more.size > 0)
      for (const [subjectId, key] of await this.keysOf(tenantId, more)) keys.set(subjectId, key);
    return { pages: read.pages, keys };
  }

  /** Waits until this process holds the named lease (one runner per projection or process manager). */
  acquireLease(name: string, options?: LeaseOptions): Promise<HeldLease> {
    return acquireLease(this.database, name, options);
  }

  /** Runs `work` in one transaction, e.g. to update a read model and its checkpoint together. */
  transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    return this.database.transaction('transaction', work);
  }

  override async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    await Promise.all([...this.live].map((s) => s.stop()));
    await super.close();
  }
}

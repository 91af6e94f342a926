import type { Database } from 'better-sqlite3';
import type { EventStoreOptions, KeyVault, StoreReadiness } from '@vouch/event-store';
import { EngineEventStore, MasterKeyVault, systemClock } from '@vouch/event-store';
import { applyBulkLoadSettings } from './bulk-load-settings';
import type { Durability } from './open-database';
import { openDatabase } from './open-database';
import { SqliteProjectionCheckpoints } from './sqlite-projection-checkpoints';
import { SqliteSignedDigestLog } from './sqlite-signed-digest-log';
import { SqliteStorageEngine } from './sqlite-storage-engine';
import { SqliteWrappedKeyRepository } from './sqlite-wrapped-key-repository';
import { SqliteWriteHealth } from './sqlite-write-health';

export interface SqliteEventStoreOptions extends Omit<EventStoreOptions, 'vault'> {
  /** The database file (created with its schema if missing). */
  readonly filename: string;
  /** Wraps the data keys kept in the same file; 32 bytes from configuration. */
  readonly masterKey?: Buffer;
  /** Another vault instead of the in-file one (then no master key is needed). */
  readonly vault?: KeyVault;
  /** `synchronous` level; default FULL: nothing acknowledged is lost, power cut included. */
  readonly durability?: Durability;
  /** Most appends committed in one transaction; default 1000. */
  readonly maxBatchSize?: number;
  readonly busyTimeoutMs?: number;
  /**
   * A bulk load (the demo seed): a large page cache and rare WAL checkpoints
   * (`applyBulkLoadSettings`); what a commit guarantees is unchanged. Default off.
   */
  readonly bulkLoad?: boolean;
}

/**
 * The embedded default store: events, data keys and projection checkpoints in one SQLite
 * file, appends group-committed.
 */
export class SqliteEventStore extends EngineEventStore {
  /** The open connection, for projections that keep their read models in the same file. */
  readonly database: Database;
  readonly checkpoints: SqliteProjectionCheckpoints;
  /** The digests the product signed, in the same file (the signing key never is). */
  readonly signedDigests: SqliteSignedDigestLog;
  private readonly storage: SqliteStorageEngine;
  private readonly health: SqliteWriteHealth;

  private constructor(
    storage: SqliteStorageEngine,
    options: SqliteEventStoreOptions,
    vault: KeyVault,
    health: SqliteWriteHealth,
  ) {
    super(storage, { ...options, vault });
    this.storage = storage;
    this.health = health;
    this.database = storage.db;
    this.checkpoints = new SqliteProjectionCheckpoints(storage.db, options.clock ?? systemClock);
    this.signedDigests = new SqliteSignedDigestLog(storage.db);
  }

  /**
   * Opens (or creates) the store's file. Throws MasterKeyMismatchError, having read and
   * written nothing, when the master key is not the one the file was created with.
   */
  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    if (!options.vault && !options.masterKey) {
      throw new Error('SqliteEventStore needs a masterKey (32 bytes from configuration) or a vault.');
    }
    // With the in-file vault, the master key is checked before anything is read or written.
    const db = openDatabase({
      filename: options.filename,
      ...(options.durability ? { durability: options.durability } : {}),
      ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
      ...(options.vault ? {} : { masterKey: options.masterKey!, now: options.clock ?? systemClock }),
    });
    if (options.bulkLoad) applyBulkLoadSettings(db);
    const health = new SqliteWriteHealth(db);
    const vault =
      options.vault ?? new MasterKeyVault(options.masterKey!, new SqliteWrappedKeyRepository(db, health));
    return new SqliteEventStore(
      new SqliteStorageEngine(db, options.maxBatchSize, health),
      options,
      vault,
      health,
    );
  }

  /** Not ready on a full disk (or SQLite's page cap), a read-only file, or a closed connection. */
  async readiness(): Promise<StoreReadiness> {
    return this.health.readiness();
  }

  /** Changes whenever the stream may have been appended to, by any process (see `EventStore.writeMark`). */
  writeMark(tenantId: string, streamId: string): string {
    return this.storage.writeMark(tenantId, streamId);
  }

  /** Folds the write-ahead log into the main file and truncates it. */
  checkpointWal(): Promise<void> {
    return this.storage.checkpointWal();
  }

  /** How many transactions group commit ran, and how many appends they carried. */
  commitStats(): { batches: number; requests: number } {
    return this.storage.commitStats();
  }
}

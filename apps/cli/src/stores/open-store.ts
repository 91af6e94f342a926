import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { JobLease } from '@vouch/application';
import {
  MasterKeyVault,
  type CheckpointStore,
  type Clock,
  type EventStore,
  type KeyRotationRepository,
  type KeyVault,
  type ReadModelStore,
  type SignedDigestLog,
} from '@vouch/event-store';
import { EventStoreDbEventStore } from '@vouch/event-store-eventstoredb';
import {
  PostgresDatabase,
  PostgresEventStore,
  PostgresReadModelStore,
  PostgresWrappedKeyRepository,
  migrate,
} from '@vouch/event-store-postgres';
import {
  openDatabase,
  SqliteEventStore,
  SqliteReadModelStore,
  SqliteSignedDigestLog,
  SqliteWrappedKeyRepository,
  type Durability,
} from '@vouch/event-store-sqlite';
import { ConfigError } from '../config/config-error';
import { ensureDataDir } from '../config/data-dir';
import type { StoreConfig } from '../config/store-config';
import { NoDataKeysVault } from './no-data-keys-vault';

/** An open store with the durable places the facade keeps its progress in. */
export interface OpenStore {
  readonly store: EventStore;
  /** Process-manager checkpoints, in the store's own database. */
  readonly checkpoints: CheckpointStore;
  /** Read-model snapshots, so a restart resumes instead of replaying everything. */
  readonly readModels: ReadModelStore;
  /** The digests the product signed, beside the events (invariant 12). */
  readonly signedDigests: SignedDigestLog;
  /** Where the events are, for people (no credentials). */
  readonly description: string;
  /** Stores that several processes share (PostgreSQL): waits until this process holds the named lease. */
  readonly acquireLease?: (
    name: string,
    options: { ttlMs: number; signal: AbortSignal },
  ) => Promise<JobLease>;
  /** Stores that several processes share (PostgreSQL): the pool and schema shared state (rate limits) goes in. */
  readonly sharedDatabase?: { readonly pool: unknown; readonly schema: string };
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Without it, personal data can be neither read nor written (enough to verify a copy). */
  readonly masterKey?: Buffer;
  /** PostgreSQL: do not migrate the schema (a reviewer's copy is only read). */
  readonly readOnly?: boolean;
  readonly clock?: Clock;
  /**
   * `NORMAL` for a bulk load that is rerun if it fails; default FULL. SQLite: its
   * `synchronous` setting; PostgreSQL: NORMAL commits without waiting for the WAL flush.
   */
  readonly durability?: Durability;
  /** A bulk load (the demo seed): SQLite gets its bulk-load connection settings; other stores ignore it. */
  readonly bulkLoad?: boolean;
}

/** Opens the configured store: SQLite (default), PostgreSQL or EventStoreDB. */
export async function openStore(config: StoreConfig, options: OpenStoreOptions): Promise<OpenStore> {
  const clock = options.clock ? { clock: options.clock } : {};
  switch (config.kind) {
    case 'sqlite': {
      // The directory only (no-op when it exists): the key check comes before any file is made.
      mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
      const store = SqliteEventStore.open({
        filename: config.sqliteFile,
        ...keyAccess(options),
        ...clock,
        ...(options.durability ? { durability: options.durability } : {}),
        ...(options.bulkLoad ? { bulkLoad: true } : {}),
      });
      ensureDataDir(config.dataDir);
      return {
        store,
        checkpoints: store.checkpoints,
        readModels: new SqliteReadModelStore(store.database, options.clock),
        signedDigests: store.signedDigests,
        description: `SQLite ${config.sqliteFile}`,
        close: () => store.close(),
      };
    }
    case 'postgres': {
      const store = await PostgresEventStore.open({
        connectionString: config.databaseUrl!,
        ...(options.durability === 'NORMAL' ? { synchronousCommit: false } : {}),
        ...keyAccess(options),
        ...(options.readOnly ? { migrate: false } : {}),
        ...clock,
      });
      try {
        return {
          store,
          checkpoints: store.checkpoints,
          readModels: await PostgresReadModelStore.open(store.database),
          signedDigests: store.signedDigests,
          description: `PostgreSQL ${redact(config.databaseUrl!)}`,
          acquireLease: (name, lease) => store.acquireLease(name, lease),
          sharedDatabase: { pool: store.database.pool, schema: store.database.schemaName },
          close: () => store.close(),
        };
      } catch (error) {
        await store.close();
        throw error;
      }
    }
    case 'eventstoredb': {
      // EventStoreDB cannot destroy one entry in place, which crypto-shredding needs: the
      // wrapped data keys live in a small SQLite file beside the other local state.
      mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
      const keys = openDatabase({
        filename: keyVaultFile(config),
        ...(options.masterKey ? { masterKey: options.masterKey } : {}),
        ...clockAsNow(options.clock),
      });
      ensureDataDir(config.dataDir);
      const vault = options.masterKey
        ? new MasterKeyVault(
            options.masterKey,
            new SqliteWrappedKeyRepository(keys, undefined, { truncateWalAfterErase: true }),
          )
        : new NoDataKeysVault();
      const store = new EventStoreDbEventStore({
        connectionString: config.connectionString!,
        vault,
        ...clock,
      });
      return {
        store,
        checkpoints: store.checkpoints,
        readModels: new SqliteReadModelStore(keys, options.clock),
        // An EventStoreDB stream could be rewritten by whoever runs the cluster as well as
        // this file: the digests live beside the data keys, and a kept digest checks both.
        signedDigests: new SqliteSignedDigestLog(keys),
        description: `EventStoreDB ${redact(config.connectionString!)} (data keys in ${config.dataDir})`,
        close: async () => {
          await store.close();
          keys.close();
        },
      };
    }
  }
}

/** The wrapped data keys of a store, for `vouch keys rotate`: opened without a master key check. */
export interface OpenKeyRepository {
  readonly repository: KeyRotationRepository;
  readonly description: string;
  close(): Promise<void>;
}

/** Opens the configured store's wrapped data keys (and key check value) for a rotation. */
export async function openKeyRepository(config: StoreConfig): Promise<OpenKeyRepository> {
  switch (config.kind) {
    case 'sqlite':
    case 'eventstoredb': {
      const filename = config.kind === 'sqlite' ? config.sqliteFile : keyVaultFile(config);
      if (!existsSync(filename))
        throw new ConfigError([`There is no store at ${filename}: nothing to rotate.`]);
      const db = openDatabase({ filename });
      return {
        repository: new SqliteWrappedKeyRepository(db),
        description: `SQLite ${filename}`,
        close: async () => void db.close(),
      };
    }
    case 'postgres': {
      const database = new PostgresDatabase({ connectionString: config.databaseUrl! });
      try {
        await migrate(database);
      } catch (error) {
        await database.close();
        throw error;
      }
      return {
        repository: new PostgresWrappedKeyRepository(database),
        description: `PostgreSQL ${redact(config.databaseUrl!)}`,
        close: () => database.close(),
      };
    }
  }
}

// EventStoreDB cannot destroy one entry in place: its data keys live in this local file.
function keyVaultFile(config: StoreConfig): string {
  return join(config.dataDir, 'eventstoredb-keys.db');
}

function clockAsNow(clock: Clock | undefined): { now?: Clock } {
  return clock ? { now: clock } : {};
}

/** The master key, or a vault that never unwraps one (a copy opened only to verify it). */
function keyAccess(options: OpenStoreOptions): { masterKey: Buffer } | { vault: KeyVault } {
  return options.masterKey ? { masterKey: options.masterKey } : { vault: new NoDataKeysVault() };
}

/** A connection string without its password, for messages. */
export function redact(connectionString: string): string {
  return connectionString.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@');
}

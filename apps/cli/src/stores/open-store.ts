import { join } from 'node:path';
import {
  MasterKeyVault,
  type CheckpointStore,
  type Clock,
  type EventStore,
  type KeyVault,
  type ReadModelStore,
  type SignedDigestLog,
} from '@vouch/event-store';
import { EventStoreDbEventStore } from '@vouch/event-store-eventstoredb';
import { PostgresEventStore, PostgresReadModelStore } from '@vouch/event-store-postgres';
import {
  ensureSchema,
  openDatabase,
  SqliteEventStore,
  SqliteReadModelStore,
  SqliteSignedDigestLog,
  SqliteWrappedKeyRepository,
  type Durability,
} from '@vouch/event-store-sqlite';
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
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Without it, personal data can be neither read nor written (enough to verify a copy). */
  readonly masterKey?: Buffer;
  /** PostgreSQL: do not migrate the schema (a reviewer's copy is only read). */
  readonly readOnly?: boolean;
  readonly clock?: Clock;
  /** SQLite only: `NORMAL` for a bulk load that is rerun if it fails; default FULL. */
  readonly durability?: Durability;
}

/** Opens the configured store: SQLite (default), PostgreSQL or EventStoreDB. */
export async function openStore(config: StoreConfig, options: OpenStoreOptions): Promise<OpenStore> {
  const clock = options.clock ? { clock: options.clock } : {};
  switch (config.kind) {
    case 'sqlite': {
      ensureDataDir(config.dataDir);
      const store = SqliteEventStore.open({
        filename: config.sqliteFile,
        ...keys(options),
        ...clock,
        ...(options.durability ? { durability: options.durability } : {}),
      });
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
        ...keys(options),
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
      ensureDataDir(config.dataDir);
      const keys = openDatabase({ filename: join(config.dataDir, 'eventstoredb-keys.db') });
      ensureSchema(keys);
      const vault = options.masterKey
        ? new MasterKeyVault(options.masterKey, new SqliteWrappedKeyRepository(keys))
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

/** The master key, or a vault that never unwraps one (a copy opened only to verify it). */
function keys(options: OpenStoreOptions): { masterKey: Buffer } | { vault: KeyVault } {
  return options.masterKey ? { masterKey: options.masterKey } : { vault: new NoDataKeysVault() };
}

/** A connection string without its password, for messages. */
export function redact(connectionString: string): string {
  return connectionString.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@');
}

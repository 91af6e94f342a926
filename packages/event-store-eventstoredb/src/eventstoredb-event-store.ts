import type { EventStoreOptions, KeyVault } from '@vouch/event-store';
import { EngineEventStore } from '@vouch/event-store';
import { EventStoreDBClient } from '@eventstore/db-client';
import { EventStoreDbCheckpointStore } from './eventstoredb-checkpoint-store';
import { EventStoreDbStorageEngine } from './eventstoredb-storage-engine';
import { StreamNames } from './stream-names';

export interface EventStoreDbEventStoreOptions extends EventStoreOptions {
  /** `esdb://` or `kurrentdb://` connection string of a node or cluster; or pass `client`. */
  readonly connectionString?: string;
  /** An existing client; the store disposes of it on close. */
  readonly client?: EventStoreDBClient;
  /** First part of every stream name; default `vouch`. */
  readonly namespace?: string;
}

/**
 * The event store on an EventStoreDB / KurrentDB node or cluster. The key vault is not
 * kept in EventStoreDB (a stream cannot have an entry destroyed in place, which
 * crypto-shredding needs): pass a vault backed by a database that can, e.g. PostgreSQL's.
 */
export class EventStoreDbEventStore extends EngineEventStore {
  readonly client: EventStoreDBClient;
  readonly checkpoints: EventStoreDbCheckpointStore;

  constructor(options: EventStoreDbEventStoreOptions & { readonly vault: KeyVault }) {
    const client = options.client ?? connect(options.connectionString);
    const names = new StreamNames(options.namespace);
    super(new EventStoreDbStorageEngine(client, names), options);
    this.client = client;
    this.checkpoints = new EventStoreDbCheckpointStore(client, names);
  }
}

function connect(connectionString: string | undefined): EventStoreDBClient {
  if (!connectionString) throw new Error('EventStoreDbEventStore needs a connectionString or a client.');
  return EventStoreDBClient.connectionString(connectionString);
}

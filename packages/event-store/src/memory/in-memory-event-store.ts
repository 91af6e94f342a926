import { randomBytes } from 'node:crypto';
import type { EventStoreOptions } from '../engine-event-store';
import { EngineEventStore } from '../engine-event-store';
import { InMemoryWrappedKeyRepository } from '../personal-data/in-memory-wrapped-key-repository';
import { MasterKeyVault } from '../personal-data/master-key-vault';
import { InMemoryStorageEngine } from './in-memory-storage-engine';

export interface InMemoryEventStoreOptions extends Partial<EventStoreOptions> {
  /** Wraps the vault's data keys when no vault is given; default a random key. */
  readonly masterKey?: Buffer;
}

/** An event store in process memory: for tests, demos and embedding without persistence. */
export class InMemoryEventStore extends EngineEventStore {
  /** The engine underneath, for tests that tamper with stored events. */
  readonly storage: InMemoryStorageEngine;

  constructor(options: InMemoryEventStoreOptions = {}) {
    const storage = new InMemoryStorageEngine();
    const vault =
      options.vault ??
      new MasterKeyVault(options.masterKey ?? randomBytes(32), new InMemoryWrappedKeyRepository());
    super(storage, { ...options, vault });
    this.storage = storage;
  }
}

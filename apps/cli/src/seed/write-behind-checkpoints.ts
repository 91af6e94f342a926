import { InMemoryCheckpointStore, type Checkpoint, type CheckpointStore } from '@vouch/event-store';

/**
 * Process-manager checkpoints for the seed, a bulk load that is rerun from an empty tenant
 * when it fails: kept in memory while it runs (every command wakes every manager, and a
 * durable save per wake-up was a write transaction each time), written to the durable store
 * once at the end, so a later `vouch serve` resumes where the seed left off. Checkpoints
 * it has not saved (another tenant's) are read from the durable store.
 */
export class WriteBehindCheckpoints implements CheckpointStore {
  private readonly pending = new InMemoryCheckpointStore();
  private readonly names = new Set<string>();

  constructor(private readonly durable: CheckpointStore) {}

  async load(projection: string): Promise<Checkpoint | undefined> {
    return this.names.has(projection) ? this.pending.load(projection) : this.durable.load(projection);
  }

  async save(projection: string, checkpoint: Checkpoint): Promise<void> {
    if (!this.names.has(projection)) {
      // Never behind what the durable store already has (it refuses to move back).
      const saved = await this.durable.load(projection);
      if (saved !== undefined) await this.pending.save(projection, saved);
    }
    await this.pending.save(projection, checkpoint);
    this.names.add(projection);
  }

  /** Writes every checkpoint saved since the start to the durable store. */
  async flush(): Promise<void> {
    for (const name of this.names) {
      const checkpoint = await this.pending.load(name);
      if (checkpoint !== undefined) await this.durable.save(name, checkpoint);
    }
  }
}

import type { Checkpoint } from '../checkpoint';

/** Where a projection keeps the checkpoint of the last event it has applied. */
export interface CheckpointStore {
  load(projection: string): Promise<Checkpoint | undefined>;
  /** Saves the checkpoint; refuses to move a projection backwards. */
  save(projection: string, checkpoint: Checkpoint): Promise<void>;
}

/** Checkpoints in memory, for tests and the in-memory store. */
export class InMemoryCheckpointStore implements CheckpointStore {
  private readonly checkpoints = new Map<string, Checkpoint>();

  async load(projection: string): Promise<Checkpoint | undefined> {
    return this.checkpoints.get(projection);
  }

  async save(projection: string, checkpoint: Checkpoint): Promise<void> {
    const current = this.checkpoints.get(projection);
    if (current !== undefined && checkpoint < current) {
      throw new RangeError(
        `Projection ${projection} is at ${current}; it cannot move back to ${checkpoint}.`,
      );
    }
    this.checkpoints.set(projection, checkpoint);
  }
}

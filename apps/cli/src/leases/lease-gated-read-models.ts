import type { ReadModelStore, SaveReadModelOptions, SavedReadModel } from '@vouch/event-store';

/**
 * A read-model store that every instance reads from but only the holder of a tenant's
 * background lease writes to: the others keep their read models in memory for queries and
 * leave the snapshots, activations and discards to the one projection writer.
 */
export class LeaseGatedReadModelStore implements ReadModelStore {
  constructor(
    private readonly inner: ReadModelStore,
    private readonly writes: (tenantId: string) => boolean,
  ) {}

  load(tenantId: string, projection: string, version: number): Promise<SavedReadModel | undefined> {
    return this.inner.load(tenantId, projection, version);
  }

  loadEntries(tenantId: string, projection: string, version: number): Promise<unknown[]> {
    return this.inner.loadEntries(tenantId, projection, version);
  }

  activeVersion(tenantId: string, projection: string): Promise<number | undefined> {
    return this.inner.activeVersion(tenantId, projection);
  }

  async save(
    tenantId: string,
    projection: string,
    version: number,
    saved: SavedReadModel,
    options?: SaveReadModelOptions,
  ): Promise<void> {
    if (this.writes(tenantId)) await this.inner.save(tenantId, projection, version, saved, options);
  }

  async activate(tenantId: string, projection: string, version: number): Promise<void> {
    if (this.writes(tenantId)) await this.inner.activate(tenantId, projection, version);
  }

  async discard(tenantId: string, projection: string, version: number): Promise<void> {
    if (this.writes(tenantId)) await this.inner.discard(tenantId, projection, version);
  }
}

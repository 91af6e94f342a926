import {
  parseSavedJson,
  type AppendOnlyEntries,
  type ReadModelStore,
  type SaveReadModelOptions,
  type SavedReadModel,
} from '@vouch/event-store';

/**
 * Snapshots in process memory, for tests and the in-memory event store. Snapshots are kept
 * as JSON text so a model that does not survive serialisation fails here, as it would in
 * a SQL store, instead of aliasing live objects.
 */
export class InMemoryReadModelStore implements ReadModelStore {
  private readonly saved = new Map<string, { checkpoint: string; schemaVersion: number; json: string }>();
  private readonly active = new Map<string, number>();
  // Per version, its append-only entries, each as JSON text.
  private readonly entries = new Map<string, string[]>();
  /** How many saves were made, for tests of the snapshot cadence. */
  saves = 0;

  async load(tenantId: string, projection: string, version: number): Promise<SavedReadModel | undefined> {
    const row = this.saved.get(key(tenantId, projection, version));
    if (!row) return undefined;
    return {
      checkpoint: row.checkpoint as SavedReadModel['checkpoint'],
      schemaVersion: row.schemaVersion,
      snapshot: parseSavedJson(row.json, {
        tenantId,
        projection,
        version,
        checkpoint: row.checkpoint as SavedReadModel['checkpoint'],
        part: 'snapshot',
      }),
    };
  }

  async save(
    tenantId: string,
    projection: string,
    version: number,
    saved: SavedReadModel,
    options?: SaveReadModelOptions,
  ): Promise<void> {
    const k = key(tenantId, projection, version);
    const current = this.saved.get(k);
    if (current && saved.checkpoint < current.checkpoint) {
      throw new RangeError(
        `Read model ${projection} v${version} of ${tenantId} is at ${current.checkpoint}; it cannot move back to ${saved.checkpoint}.`,
      );
    }
    const json = JSON.stringify(saved.snapshot);
    // Checked before anything changes: a refused save leaves snapshot and entries as they were.
    const added = options?.entries ? this.notHeld(k, options.entries) : [];
    this.saves += 1;
    if (added.length > 0) {
      const held = this.entries.get(k) ?? [];
      for (const entry of added) held.push(entry);
      this.entries.set(k, held);
    }
    this.saved.set(k, { checkpoint: saved.checkpoint, schemaVersion: saved.schemaVersion, json });
    if (options?.activate) await this.activate(tenantId, projection, version);
  }

  async loadEntries(tenantId: string, projection: string, version: number): Promise<unknown[]> {
    return (this.entries.get(key(tenantId, projection, version)) ?? []).map((json) =>
      parseSavedJson(json, { tenantId, projection, version, part: 'entries' }),
    );
  }

  async activeVersion(tenantId: string, projection: string): Promise<number | undefined> {
    return this.active.get(`${tenantId}\u0000${projection}`);
  }

  async activate(tenantId: string, projection: string, version: number): Promise<void> {
    this.active.set(`${tenantId}\u0000${projection}`, version);
    const prefix = `${tenantId}\u0000${projection}\u0000`;
    for (const k of [...this.saved.keys()]) {
      if (k.startsWith(prefix) && k !== key(tenantId, projection, version)) this.saved.delete(k);
    }
    for (const k of [...this.entries.keys()]) {
      if (k.startsWith(prefix) && k !== key(tenantId, projection, version)) this.entries.delete(k);
    }
  }

  async discard(tenantId: string, projection: string, version: number): Promise<void> {
    if (this.active.get(`${tenantId}\u0000${projection}`) === version) {
      throw new RangeError(
        `Read model ${projection} v${version} of ${tenantId} is active; it cannot be discarded.`,
      );
    }
    this.saved.delete(key(tenantId, projection, version));
    this.entries.delete(key(tenantId, projection, version));
  }

  // The entries the version does not hold yet, as JSON; refuses a list shorter than the one held.
  private notHeld(k: string, entries: AppendOnlyEntries): string[] {
    const held = this.entries.get(k)?.length ?? 0;
    if (entries.count < held) {
      const [tenantId, projection, version] = k.split('\u0000');
      throw new RangeError(
        `Read model ${projection} v${version} of ${tenantId} holds ${held} entries; it cannot go back to ${entries.count}.`,
      );
    }
    return entries.slice(held).map((entry) => JSON.stringify(entry));
  }

  /** The versions saved for a projection, for tests. */
  versions(tenantId: string, projection: string): number[] {
    const prefix = `${tenantId}\u0000${projection}\u0000`;
    return [...this.saved.keys()]
      .filter((k) => k.startsWith(prefix))
      .map((k) => Number(k.slice(prefix.length)));
  }
}

function key(tenantId: string, projection: string, version: number): string {
  return `${tenantId}\u0000${projection}\u0000${version}`;
}

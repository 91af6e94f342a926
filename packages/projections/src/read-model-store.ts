import type { Checkpoint } from '@vouch/event-store';

/** A projection's saved state: the snapshot and the checkpoint of the last event it reflects. */
export interface SavedReadModel<Snapshot = unknown> {
  readonly checkpoint: Checkpoint;
  /** The projection's `schemaVersion` when the snapshot was taken. */
  readonly schemaVersion: number;
  readonly snapshot: Snapshot;
}

/**
 * Where projections keep their snapshots, per tenant, projection and version (a rebuild
 * writes a new version beside the live one). `save` stores the snapshot and its checkpoint
 * together, atomically — a SQL implementation writes both in one transaction — so a
 * restart never resumes from a checkpoint the snapshot does not reflect.
 */
export interface ReadModelStore {
  load(tenantId: string, projection: string, version: number): Promise<SavedReadModel | undefined>;
  /** Saves snapshot and checkpoint in one atomic write; refuses to move a version backwards. */
  save(tenantId: string, projection: string, version: number, saved: SavedReadModel): Promise<void>;
  /** The version queries are served from, if one was activated. */
  activeVersion(tenantId: string, projection: string): Promise<number | undefined>;
  /** Makes `version` the active one and drops every other version of the projection. */
  activate(tenantId: string, projection: string, version: number): Promise<void>;
}

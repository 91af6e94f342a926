import type { Checkpoint } from '../checkpoint';

/** A projection's saved state: the snapshot and the checkpoint of the last event it reflects. */
export interface SavedReadModel<Snapshot = unknown> {
  readonly checkpoint: Checkpoint;
  /** The projection's `schemaVersion` when the snapshot was taken. */
  readonly schemaVersion: number;
  readonly snapshot: Snapshot;
}

/**
 * The entries a projection only ever appends to (an audit history), kept beside its
 * snapshot rather than in it: a save writes only those the store does not hold yet.
 * Entry `i` is the same at every save of a version (the log folds the same way each time).
 */
export interface AppendOnlyEntries {
  /** How many entries the model holds at the saved checkpoint. */
  readonly count: number;
  /** The entries at positions [start, count), asked for by the store (start is what it holds). */
  slice(start: number): readonly unknown[];
}

/** How a save also switches queries over to the saved version. */
export interface SaveReadModelOptions {
  /** Make this version the active one (dropping every other) in the same atomic write. */
  readonly activate?: boolean;
  /** Append the entries the store does not hold yet, in the same atomic write; absent leaves them as they are. */
  readonly entries?: AppendOnlyEntries;
}

/**
 * Where projections keep their snapshots, per tenant, projection and version (a rebuild
 * writes a new version beside the live one). `save` stores the snapshot and its checkpoint
 * together, atomically — a SQL implementation writes both in one transaction — so a
 * restart never resumes from a checkpoint the snapshot does not reflect.
 */
export interface ReadModelStore {
  load(tenantId: string, projection: string, version: number): Promise<SavedReadModel | undefined>;
  /**
   * Saves snapshot and checkpoint (and, if asked, the activation and the new append-only
   * entries) in one atomic write; refuses to move a version backwards, checkpoint or entries.
   */
  save(
    tenantId: string,
    projection: string,
    version: number,
    saved: SavedReadModel,
    options?: SaveReadModelOptions,
  ): Promise<void>;
  /** Every append-only entry saved for a version, in order (none when nothing was saved). */
  loadEntries(tenantId: string, projection: string, version: number): Promise<unknown[]>;
  /** The version queries are served from, if one was activated. */
  activeVersion(tenantId: string, projection: string): Promise<number | undefined>;
  /** Makes `version` the active one and drops every other version of the projection (entries included). */
  activate(tenantId: string, projection: string, version: number): Promise<void>;
  /**
   * Drops one version that is not active: what a rebuild interrupted by a crash left
   * behind (its entries included), before a new build of that version starts from scratch.
   */
  discard(tenantId: string, projection: string, version: number): Promise<void>;
}

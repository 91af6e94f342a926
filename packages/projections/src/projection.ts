import type { AppendOnlyEntries, RecordedEvent } from '@vouch/event-store';
import type { SnapshotKeys } from './snapshot-keys';

/**
 * A read model the runner keeps caught up: it folds recorded events in log order, in
 * place, and can be saved and restored as a plain JSON value (its snapshot) so a restart
 * resumes from the saved checkpoint instead of replaying the whole log.
 */
export interface Projection<Snapshot = unknown> {
  /** Stable name; the key under which snapshots and checkpoints are saved. */
  readonly name: string;
  /** The shape of the snapshot; a snapshot of another schema version is rebuilt, not restored. */
  readonly schemaVersion: number;
  /** Folds one event; must not throw on any history the domain can produce. */
  apply(event: RecordedEvent): void;
  /** A JSON-serialisable copy of the model, consistent with the last applied event. */
  snapshot(): Snapshot;
  /** Replaces the model with a snapshot taken by `snapshot()` of the same schema version. */
  restore(snapshot: Snapshot): void;
  /**
   * Called when the runner has applied the history it found (the end of a start's or a
   * rebuild's catch-up), so work deferred while folding (e.g. indexes built once from the
   * final states) is done before the model is saved or switched to.
   */
  caughtUp?(): void;
  /**
   * Whether the snapshot must be saved as soon as this event is applied, whatever the
   * cadence: e.g. an erasure, so no saved snapshot keeps the erased personal data.
   */
  saveAfter?(event: RecordedEvent): boolean;
  /**
   * What is saved of a snapshot: its personal values sealed under their subjects' keys
   * (invariant 10). Without it the snapshot is saved as it is.
   */
  sealSnapshot?(snapshot: Snapshot, keys: SnapshotKeys): Promise<unknown>;
  /** The snapshot back from what `sealSnapshot` saved, erased subjects' values left out. */
  openSnapshot?(saved: unknown, keys: SnapshotKeys): Promise<Snapshot>;
  /**
   * The entries the model only ever appends to (an audit history), kept out of its snapshot
   * and saved beside it, only those appended since the last save; taken with `snapshot()`.
   */
  appendOnlyEntries?(): AppendOnlyEntries;
  /** After `restore`: the saved entries back (the store may hold more than the snapshot reflects). */
  restoreEntries?(entries: readonly unknown[]): void;
}

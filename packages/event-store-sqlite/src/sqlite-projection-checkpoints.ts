import type { Database, Transaction } from 'better-sqlite3';
import type { Checkpoint, CheckpointStore, Clock } from '@vouch/event-store';

/**
 * Projection checkpoints in the event store's own file, so a projection can write its read
 * model (tables in the same file) and its checkpoint in one transaction: after a crash it
 * resumes exactly after the last event whose effects were committed.
 */
export class SqliteProjectionCheckpoints implements CheckpointStore {
  private readonly select;
  private readonly upsert;
  /** Built once: better-sqlite3 wraps a function in a transaction at each `db.transaction` call. */
  private readonly commitOnce: Transaction<
    (projection: string, checkpoint: Checkpoint, write: (db: Database) => void) => boolean
  >;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    this.select = db.prepare('SELECT checkpoint FROM projection_checkpoints WHERE projection = ?').pluck();
    this.upsert = db.prepare(
      `INSERT INTO projection_checkpoints (projection, checkpoint, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (projection) DO UPDATE SET checkpoint = excluded.checkpoint, updated_at = excluded.updated_at`,
    );
    this.commitOnce = db.transaction(
      (projection: string, checkpoint: Checkpoint, write: (db: Database) => void): boolean => {
        const current = this.select.get(projection) as Checkpoint | undefined;
        if (current !== undefined && checkpoint <= current) return false;
        write(this.db);
        this.upsert.run(projection, checkpoint, this.clock());
        return true;
      },
    );
  }

  async load(projection: string): Promise<Checkpoint | undefined> {
    return this.select.get(projection) as Checkpoint | undefined;
  }

  async save(projection: string, checkpoint: Checkpoint): Promise<void> {
    this.commit(projection, checkpoint, () => undefined);
  }

  /**
   * Runs the read-model writes and moves the checkpoint in one IMMEDIATE transaction.
   * Returns false (and writes nothing) when the projection is already at or past the
   * checkpoint, so re-delivered events are not applied twice. A throwing `write` rolls
   * everything back.
   */
  commit(projection: string, checkpoint: Checkpoint, write: (db: Database) => void): boolean {
    return this.commitOnce.immediate(projection, checkpoint, write);
  }
}

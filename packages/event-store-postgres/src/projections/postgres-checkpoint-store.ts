import type { Checkpoint, CheckpointStore } from '@vouch/event-store';
import type { PoolClient } from 'pg';
import type { PostgresDatabase } from '../database/postgres-database';
import { whileAvailable } from '../database/connection-failure';
import { toSqlText } from '../database/sql-text';

/**
 * Projection checkpoints in the `checkpoints` table, in the same database as the events,
 * so a read model kept in PostgreSQL commits its rows and its checkpoint in one
 * transaction (`saveIn`): after a crash it resumes exactly where its data stops.
 */
export class PostgresCheckpointStore implements CheckpointStore {
  constructor(private readonly database: PostgresDatabase) {}

  async load(projection: string): Promise<Checkpoint | undefined> {
    const [row] = await this.database.query<{ checkpoint: string }>(
      'load checkpoint',
      `SELECT checkpoint FROM ${this.database.schema}.checkpoints WHERE projection = $1`,
      [toSqlText(projection)],
    );
    return row?.checkpoint as Checkpoint | undefined;
  }

  async save(projection: string, checkpoint: Checkpoint): Promise<void> {
    await whileAvailable('save checkpoint', () => this.saveIn(this.database.pool, projection, checkpoint));
  }

  /** Saves within the caller's transaction (`client` inside BEGIN … COMMIT); refuses to move back. */
  async saveIn(client: Pick<PoolClient, 'query'>, projection: string, checkpoint: Checkpoint): Promise<void> {
    const { rows } = await client.query<{ checkpoint: string; moved: boolean }>(
      `WITH saved AS (
         INSERT INTO ${this.database.schema}.checkpoints AS c (projection, checkpoint) VALUES ($1, $2)
         ON CONFLICT (projection) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = now()
           WHERE c.checkpoint COLLATE "C" <= EXCLUDED.checkpoint COLLATE "C"
         RETURNING checkpoint)
       SELECT checkpoint, true AS moved FROM saved
       UNION ALL
       SELECT checkpoint, false FROM ${this.database.schema}.checkpoints
        WHERE projection = $1 AND NOT EXISTS (SELECT 1 FROM saved)`,
      [toSqlText(projection), checkpoint],
    );
    const row = rows[0];
    if (row && !row.moved) {
      throw new RangeError(
        `Projection ${projection} is at ${row.checkpoint}; it cannot move back to ${checkpoint}.`,
      );
    }
  }
}

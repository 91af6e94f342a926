import type { Database } from 'better-sqlite3';
import { migrateSqlite } from './sqlite-migrations';

// The schema lives in sqlite-migrations.ts, one versioned step per change.
export { SCHEMA_VERSION } from './sqlite-migrations';

/** Creates the tables on first open and applies pending migrations; refuses a file written by a newer schema. */
export function ensureSchema(db: Database): void {
  migrateSqlite(db);
}

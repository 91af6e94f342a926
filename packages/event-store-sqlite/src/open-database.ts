import Database from 'better-sqlite3';
import { ensureSchema } from './schema';

/** How much a commit survives: FULL (default) survives power loss; NORMAL only a process crash. */
export type Durability = 'FULL' | 'EXTRA' | 'NORMAL';

export interface OpenDatabaseOptions {
  readonly filename: string;
  readonly durability?: Durability;
  /** How long a writer waits for another process's lock, in ms; default 5000. */
  readonly busyTimeoutMs?: number;
}

/**
 * Opens (creating if needed) one SQLite file in WAL mode with the chosen durability, and
 * creates the schema. `secure_delete` makes destroyed data keys really leave the file.
 */
export function openDatabase(options: OpenDatabaseOptions): Database.Database {
  const db = new Database(options.filename, { timeout: options.busyTimeoutMs ?? 5000 });
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true }) as string;
    if (mode.toLowerCase() !== 'wal' && options.filename !== ':memory:') {
      throw new Error(`SQLite refused WAL mode (got ${mode}) for ${options.filename}.`);
    }
    db.pragma(`synchronous = ${options.durability ?? 'FULL'}`);
    db.pragma('secure_delete = ON');
    db.pragma('foreign_keys = ON');
    ensureSchema(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

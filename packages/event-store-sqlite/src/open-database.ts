import { chmodSync, closeSync, existsSync, openSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { ensureSchema } from './schema';
import { checkSqliteMasterKey, recordSqliteKeyCheck } from './sqlite-master-key-check';

/** How much a commit survives: FULL (default) survives power loss; NORMAL only a process crash. */
export type Durability = 'FULL' | 'EXTRA' | 'NORMAL';

export interface OpenDatabaseOptions {
  readonly filename: string;
  readonly durability?: Durability;
  /** How long a writer waits for another process's lock, in ms; default 5000. */
  readonly busyTimeoutMs?: number;
  /**
   * The master key the file's data keys are wrapped with: checked against the file's key
   * check value before the schema is created or upgraded (MasterKeyMismatchError, nothing
   * written), and recorded on the first open.
   */
  readonly masterKey?: Buffer;
  /** Stamps the key check record; default the wall clock. */
  readonly now?: () => string;
}

/**
 * Opens (creating if needed, mode 0600) one SQLite file in WAL mode with the chosen
 * durability, checks the master key, and creates the schema. `secure_delete` makes
 * destroyed data keys really leave the file.
 */
export function openDatabase(options: OpenDatabaseOptions): Database.Database {
  const onDisk = options.filename !== ':memory:' && options.filename !== '';
  // SQLite creates the -wal and -shm files with the database file's mode: 0600 covers all three.
  if (onDisk && !existsSync(options.filename)) closeSync(openSync(options.filename, 'wx', 0o600));
  const db = new Database(options.filename, { timeout: options.busyTimeoutMs ?? 5000 });
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true }) as string;
    if (mode.toLowerCase() !== 'wal' && onDisk) {
      throw new Error(`SQLite refused WAL mode (got ${mode}) for ${options.filename}.`);
    }
    db.pragma(`synchronous = ${options.durability ?? 'FULL'}`);
    db.pragma('secure_delete = ON');
    db.pragma('foreign_keys = ON');
    const store = `SQLite ${options.filename}`;
    const record = options.masterKey ? checkSqliteMasterKey(db, options.masterKey, store) : undefined;
    ensureSchema(db);
    if (record !== undefined) {
      const at = options.now?.() ?? new Date().toISOString();
      recordSqliteKeyCheck(db, options.masterKey!, record, at, store);
    }
    if (onDisk) keepPrivate(options.filename);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

// A file created by an older version may be readable by others: it holds wrapped keys.
function keepPrivate(filename: string): void {
  if (process.platform === 'win32') return;
  const mode = statSync(filename).mode & 0o777;
  if ((mode & 0o077) !== 0) chmodSync(filename, mode & 0o700);
}

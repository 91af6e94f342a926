import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import type { Database } from 'better-sqlite3';

/** One schema change of the SQLite store: applied once per file, in version order. */
export interface SqliteMigration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

// Positions are rowids: events are never deleted, so a new rowid is always the largest yet.
// A tenant's log is read by rowid range with a tenant filter rather than through a
// (tenant_id, position) index: the embedded store usually holds one tenant, and each index
// costs every commit another page (measured ~10% of sequential append throughput). A file
// shared by many tenants pays for it on catch-up reads instead.
/**
 * Every schema change, oldest first; the file's `user_version` is the last one applied.
 * Never edit a released migration: add a new one (and a fixture of the version before it).
 */
export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'events, data keys, projection checkpoints',
    statements: [
      `CREATE TABLE IF NOT EXISTS events (
         position       INTEGER PRIMARY KEY,
         tenant_id      TEXT    NOT NULL,
         stream_id      TEXT    NOT NULL,
         version        INTEGER NOT NULL,
         event_id       TEXT    NOT NULL,
         type           TEXT    NOT NULL,
         schema_version INTEGER NOT NULL,
         data           TEXT    NOT NULL,
         personal       TEXT,
         metadata       TEXT    NOT NULL,
         recorded_at    TEXT    NOT NULL,
         fingerprint    TEXT    NOT NULL,
         hash           TEXT    NOT NULL
       )`,
      'CREATE UNIQUE INDEX IF NOT EXISTS events_by_stream ON events (tenant_id, stream_id, version)',
      'CREATE UNIQUE INDEX IF NOT EXISTS events_by_id ON events (tenant_id, event_id)',
      `CREATE TABLE IF NOT EXISTS data_keys (
         tenant_id   TEXT NOT NULL,
         subject_id  TEXT NOT NULL,
         wrapped_key BLOB,
         created_at  TEXT NOT NULL,
         erased_at   TEXT,
         PRIMARY KEY (tenant_id, subject_id)
       ) WITHOUT ROWID`,
      `CREATE TABLE IF NOT EXISTS projection_checkpoints (
         projection TEXT PRIMARY KEY,
         checkpoint TEXT NOT NULL,
         updated_at TEXT NOT NULL
       ) WITHOUT ROWID`,
    ],
  },
  {
    version: 2,
    name: 'master key check value and signed digests (append-only)',
    statements: [
      // The key check value of the master key (never the key), and a rotation's progress.
      `CREATE TABLE IF NOT EXISTS master_key_check (
         id             INTEGER PRIMARY KEY CHECK (id = 1),
         value          TEXT    NOT NULL,
         recorded_at    TEXT    NOT NULL,
         rotating_to    TEXT,
         rotation_after TEXT,
         rotated        INTEGER NOT NULL DEFAULT 0
       )`,
      // The digests the product signed (invariant 12), append-only. The triggers stop
      // mistakes, not an attacker with the file: a digest kept elsewhere catches that.
      `CREATE TABLE IF NOT EXISTS signed_digests (
         tenant_id  TEXT    NOT NULL,
         sequence   INTEGER NOT NULL,
         checkpoint TEXT    NOT NULL,
         issued_at  TEXT    NOT NULL,
         digest     TEXT    NOT NULL,
         PRIMARY KEY (tenant_id, sequence)
       ) WITHOUT ROWID`,
      `CREATE TRIGGER IF NOT EXISTS signed_digests_no_update BEFORE UPDATE ON signed_digests
       BEGIN SELECT RAISE(ABORT, 'signed digests are append-only'); END`,
      `CREATE TRIGGER IF NOT EXISTS signed_digests_no_delete BEFORE DELETE ON signed_digests
       BEGIN SELECT RAISE(ABORT, 'signed digests are append-only'); END`,
    ],
  },
];

/** The schema version this code writes; stored in SQLite's `user_version`. */
export const SCHEMA_VERSION = SQLITE_MIGRATIONS[SQLITE_MIGRATIONS.length - 1]!.version;

/** A file written by a newer release than this one: upgrade Vouch, never open it with older code. */
export class SchemaTooNewError extends Error {
  readonly code = 'SCHEMA_TOO_NEW';
  constructor(
    readonly where: string,
    readonly found: number,
  ) {
    super(`${where} has schema version ${found}; this code knows up to ${SCHEMA_VERSION}. Upgrade Vouch.`);
    this.name = 'SchemaTooNewError';
  }
}

/** The migrations a file at schema `version` still needs, oldest first. */
export function sqliteMigrationsAfter(version: number, where = 'The database'): SqliteMigration[] {
  if (version > SCHEMA_VERSION) throw new SchemaTooNewError(where, version);
  return SQLITE_MIGRATIONS.filter((m) => m.version > version);
}

/**
 * Brings an open database up to SCHEMA_VERSION in one write transaction (all or nothing)
 * and returns the versions applied; an up-to-date file takes no write lock.
 */
export function migrateSqlite(db: Database): number[] {
  const pending = sqliteMigrationsAfter(db.pragma('user_version', { simple: true }) as number);
  if (pending.length === 0) return [];
  return db
    .transaction(() => {
      // Read again under the write lock: another process may have migrated meanwhile.
      const now = sqliteMigrationsAfter(db.pragma('user_version', { simple: true }) as number);
      for (const migration of now) for (const statement of migration.statements) db.exec(statement);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
      return now.map((m) => m.version);
    })
    .immediate();
}

const HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * The schema version of a SQLite file, read from its header without opening it with
 * SQLite: opening even read-only creates `-wal` and `-shm` files next to a WAL database,
 * and a dry run must leave the directory as it found it. A missing file is version 0. A
 * write-ahead log with content means a process has the file open (or crashed) and the
 * header may be behind: refused, since the answer could be wrong.
 */
export function sqliteFileSchemaVersion(filename: string): number {
  if (!existsSync(filename)) return 0;
  const wal = `${filename}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) {
    throw new Error(
      `${filename} has a write-ahead log with content (${wal}): stop the process using it, then run again.`,
    );
  }
  const header = Buffer.alloc(100);
  const fd = openSync(filename, 'r');
  try {
    const read = readSync(fd, header, 0, 100, 0);
    if (read === 0) return 0; // an empty file: SQLite treats it as a new database
    if (read < 100 || !header.subarray(0, 16).equals(HEADER)) {
      throw new Error(`${filename} is not a SQLite database.`);
    }
  } finally {
    closeSync(fd);
  }
  return header.readUInt32BE(60); // the header's user_version field
}

import type { Database } from 'better-sqlite3';

/** The schema version this code writes; stored in SQLite's `user_version`. */
export const SCHEMA_VERSION = 2;

// Positions are rowids: events are never deleted, so a new rowid is always the largest yet.
// A tenant's log is read by rowid range with a tenant filter rather than through a
// (tenant_id, position) index: the embedded store usually holds one tenant, and each index
// costs every commit another page (measured ~10% of sequential append throughput). A file
// shared by many tenants pays for it on catch-up reads instead.
const STATEMENTS = [
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
  // Version 2: the key check value of the master key (never the key), and a rotation's progress.
  `CREATE TABLE IF NOT EXISTS master_key_check (
     id             INTEGER PRIMARY KEY CHECK (id = 1),
     value          TEXT    NOT NULL,
     recorded_at    TEXT    NOT NULL,
     rotating_to    TEXT,
     rotation_after TEXT,
     rotated        INTEGER NOT NULL DEFAULT 0
   )`,
  `CREATE TABLE IF NOT EXISTS projection_checkpoints (
     projection TEXT PRIMARY KEY,
     checkpoint TEXT NOT NULL,
     updated_at TEXT NOT NULL
   ) WITHOUT ROWID`,
  // Version 2: the digests the product signed (invariant 12), append-only. The triggers
  // stop mistakes, not an attacker with the file: a digest kept elsewhere catches that.
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
];

/** Creates the tables on first open; refuses a file written by a newer schema. */
export function ensureSchema(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `The database has schema version ${current}; this code knows up to ${SCHEMA_VERSION}. Upgrade Vouch.`,
    );
  }
  if (current === SCHEMA_VERSION) return; // no write lock needed to open an existing store
  db.transaction(() => {
    for (const statement of STATEMENTS) db.exec(statement);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

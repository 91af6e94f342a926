import type { Database } from 'better-sqlite3';

/** Pages the write-ahead log may grow to before SQLite folds it into the file (default 1,000). */
const BULK_WAL_PAGES = 20_000;
/** The connection's page cache in KiB (default 2,000): the demo seed's whole file at scale 1. */
const BULK_CACHE_KIB = 131_072;

/**
 * Connection settings for a bulk load (`SqliteEventStoreOptions.bulkLoad`): a page cache
 * that holds a seeded file, and fewer, larger WAL checkpoints (a page appended to again and
 * again is copied into the file once per checkpoint, not once per thousand pages). Neither
 * changes what a commit guarantees; the store's close folds and truncates the WAL as always.
 */
export function applyBulkLoadSettings(db: Database): void {
  db.pragma(`wal_autocheckpoint = ${BULK_WAL_PAGES}`);
  db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
}

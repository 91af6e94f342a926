import type { EventStore } from '@vouch/event-store';
import { SqliteEventStore } from '@vouch/event-store-sqlite';

/** Pages the write-ahead log may grow to before SQLite folds it into the file (default 1,000). */
const BULK_WAL_PAGES = 20_000;
/** The connection's page cache in KiB (default 2,000): the seed's whole file at scale 1. */
const BULK_CACHE_KIB = 131_072;

/**
 * Connection settings for the seed's bulk load into SQLite: a page cache that holds the
 * seed's file, and fewer, larger WAL checkpoints (a page appended to again and again is
 * copied into the file once per checkpoint, not once per thousand pages). Neither changes
 * what a commit guarantees; the store's close folds and truncates the WAL as always.
 * Other stores are left as they are.
 */
export function applyBulkLoadSettings(store: EventStore): void {
  if (!(store instanceof SqliteEventStore)) return;
  store.database.pragma(`wal_autocheckpoint = ${BULK_WAL_PAGES}`);
  store.database.pragma(`cache_size = -${BULK_CACHE_KIB}`);
}

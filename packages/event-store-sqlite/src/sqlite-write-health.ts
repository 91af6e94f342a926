import { accessSync, constants, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { StoreNotReadyReason, StoreReadiness } from '@vouch/event-store';

/** Free space below which the store reports DISK_FULL before SQLite runs out: 16 MiB. */
export const MIN_FREE_BYTES = 16 * 1024 * 1024;

/** The reason a SQLite error code means the store cannot write, if it does. */
export function notWritableReason(error: unknown): StoreNotReadyReason | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return undefined;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return 'DISK_FULL';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') return 'READ_ONLY';
  return undefined;
}

/**
 * Whether a SQLite store can write: the last write that failed for want of space or
 * permission (until a write succeeds again), a read-only connection or file system, free
 * space on the file's disk, and SQLite's own page cap. A store that answers reads but cannot
 * write is not ready: traffic would only meet STORE_UNAVAILABLE.
 */
export class SqliteWriteHealth {
  private lastFailure: StoreNotReadyReason | undefined;

  constructor(
    private readonly db: Database,
    private readonly minFreeBytes = MIN_FREE_BYTES,
  ) {}

  /** Notes a failed write; only full disks and read-only files are remembered. */
  failed(error: unknown): void {
    this.lastFailure = notWritableReason(error) ?? this.lastFailure;
  }

  /** A write went through: whatever failed before has been fixed. */
  succeeded(): void {
    this.lastFailure = undefined;
  }

  readiness(): StoreReadiness {
    if (!this.db.open) return { ready: false, reason: 'UNAVAILABLE' };
    const reason = this.lastFailure ?? this.readOnly() ?? this.full();
    return reason ? { ready: false, reason } : { ready: true };
  }

  private readOnly(): StoreNotReadyReason | undefined {
    if (this.db.readonly || this.db.pragma('query_only', { simple: true }) === 1) return 'READ_ONLY';
    if (this.db.memory) return undefined;
    try {
      accessSync(dirname(this.db.name), constants.W_OK);
      accessSync(this.db.name, constants.W_OK);
    } catch {
      return 'READ_ONLY';
    }
    return undefined;
  }

  private full(): StoreNotReadyReason | undefined {
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const maxPages = this.db.pragma('max_page_count', { simple: true }) as number;
    if (pages >= maxPages) return 'DISK_FULL';
    if (this.db.memory) return undefined;
    const disk = statfsSync(dirname(this.db.name));
    return disk.bavail * disk.bsize < this.minFreeBytes ? 'DISK_FULL' : undefined;
  }
}

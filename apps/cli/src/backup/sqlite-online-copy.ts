import { chmodSync, closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';

/** Pages copied per backup step after the first: all of them, so the copy is one snapshot. */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies a SQLite database with SQLite's online backup API (better-sqlite3 `db.backup()`)
 * while other connections go on writing. The copy is made by one step in one read
 * transaction: a write from another connection in the middle would restart a step-by-step
 * backup, and WAL lets writers go on while it reads. The target is created 0600 before
 * SQLite opens it (SQLite keeps an existing file's mode). Refuses an existing target.
 * Returns the pages copied.
 */
export async function copySqliteOnline(source: string, target: string): Promise<number> {
  // 'wx': fails if the target exists, so a backup never overwrites anything.
  closeSync(openSync(target, 'wx', 0o600));
  chmodSync(target, 0o600); // the umask cannot widen it, but a stricter one may not narrow ours
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    const { totalPages } = await db.backup(target, { progress: () => ALL_PAGES });
    return totalPages;
  } finally {
    db.close();
  }
}

/** Leaves a copy as one self-contained file: it carries the source's WAL mode otherwise. */
export function settleAsSingleFile(file: string): void {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

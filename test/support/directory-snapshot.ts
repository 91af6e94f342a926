import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One file as a snapshot sees it: enough to notice any change to it. */
export interface FileState {
  readonly mode: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly sha256: string;
}

/**
 * Every file and directory under `root` (relative path → mode, size, mtime, SHA-256): two
 * equal snapshots mean nothing was created, removed or changed. A missing root is `null`.
 */
export function directorySnapshot(root: string): Record<string, FileState | 'directory'> | null {
  if (!existsSync(root)) return null;
  const entries: Record<string, FileState | 'directory'> = {};
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) {
        entries[relative(root, path)] = 'directory';
        visit(path);
      } else {
        entries[relative(root, path)] = {
          mode: (stat.mode & 0o777).toString(8),
          size: stat.size,
          mtimeMs: stat.mtimeMs,
          sha256: createHash('sha256').update(readFileSync(path)).digest('hex'),
        };
      }
    }
  };
  visit(root);
  return entries;
}

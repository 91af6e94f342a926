import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Creates the data directory (mode 0700) with a `.gitignore` that ignores everything in
 * it: it holds the development master key and JWT secret, which must never be committed.
 * Called only once the configuration is valid (and, for a store, its master key checked).
 */
export function ensureDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ignore = join(dir, '.gitignore');
  if (!existsSync(ignore)) {
    writeFileSync(ignore, '# Vouch data: the event store and development secrets. Never commit.\n*\n');
  }
}

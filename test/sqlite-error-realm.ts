import { dirname } from 'node:path';
import type { SqliteError } from 'better-sqlite3';

interface BetterSqliteAddon {
  setErrorConstructor(constructor: typeof SqliteError): void;
}

/**
 * Hands better-sqlite3's native addon this test file's SqliteError class.
 *
 * Why: the addon is loaded once per process, but jest runs every test file in a realm of its
 * own, and the addon keeps the SqliteError class it was given by the FIRST file that opened a
 * database. Later files in the same worker then receive SQLite errors of another realm: not
 * `instanceof Error`, so `rejects.toThrow(/message/)` reports "did not throw" — a SQLite test
 * asserting an error passed alone and failed in multi-file runs (the failing-trigger case,
 * audit16). Production code runs in one realm and never meets this. Called by
 * `better-sqlite3-in-this-realm.ts` when a test file first loads better-sqlite3, so files that
 * never touch SQLite never load it.
 */
export function shareSqliteErrorWithThisRealm(errorClass: typeof SqliteError): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the addon has no typings
  const addon = require('bindings')({
    bindings: 'better_sqlite3.node',
    // The same file better-sqlite3 loads (Node keeps one addon per path).
    module_root: dirname(require.resolve('better-sqlite3/package.json')),
  }) as BetterSqliteAddon;
  addon.setErrorConstructor(errorClass);
}

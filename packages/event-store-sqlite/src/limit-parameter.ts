/**
 * A `LIMIT` bound per run that SQLite plans once. With a bare `LIMIT ?` the bound value may
 * steer the plan (the SQLite better-sqlite3 bundles, 3.51, built with STAT4), so SQLite marks
 * the statement stale whenever that parameter is bound, and better-sqlite3 binds every
 * parameter on every run: each read re-parsed and re-planned its statement before stepping
 * (≈ 15 µs, three to five times the read of a short tail). `? + 0` is an expression: evaluated
 * per run, never re-planned; a negative value still means no limit. The plans are the same.
 */
export const LIMIT_PARAMETER = 'LIMIT ? + 0';

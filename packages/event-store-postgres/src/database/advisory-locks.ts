/**
 * The first key of every two-key advisory lock this package takes, one per purpose, so
 * its locks never collide with each other or with an application's single-key locks.
 * The second key is `hashtext(...)` of what is locked (schema, stream or lease name).
 */
export const AdvisoryLockSpace = {
  /** Held while migrations of one schema run: concurrent starters wait, then find nothing to do. */
  MIGRATIONS: 0x566f7501,
  /** Held for microseconds while an append takes its transaction id and positions. */
  POSITIONS: 0x566f7502,
  /** Held by an append until commit: one writer per stream at a time. */
  STREAMS: 0x566f7503,
  /** Held by the process that runs a leased projection or process manager. */
  LEASES: 0x566f7504,
} as const;

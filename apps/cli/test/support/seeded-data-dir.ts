import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliProcess } from './cli-process';

export interface SeededDataDirOptions {
  /** Seed into this directory instead of a fresh one under the system's temp directory. */
  readonly dataDir?: string;
  /** The fresh directory's name prefix; default `vouch-seeded-`. */
  readonly prefix?: string;
  /** `vouch seed --scale`; default 0.02 (a few hundred events: enough for a server to serve). */
  readonly scale?: number;
  /** `vouch seed --until`; default 2026-06-30 (fixed, so the program is the same every run). */
  readonly until?: string;
  /** Environment of the seed process (e.g. `VOUCH_STORE`, `DATABASE_URL`, `VOUCH_MASTER_KEY` for PostgreSQL). */
  readonly env?: Record<string, string>;
}

/**
 * A data directory holding the demo program, seeded by `vouch seed` in a child process as
 * an operator runs it; fails the test unless the seed exited 0 and said so. The caller
 * removes the directory.
 */
export async function seededDataDir(options: SeededDataDirOptions = {}): Promise<string> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), options.prefix ?? 'vouch-seeded-'));
  const seeded = await runCliProcess(
    [
      'seed',
      '--data-dir',
      dataDir,
      '--scale',
      String(options.scale ?? 0.02),
      '--until',
      options.until ?? '2026-06-30',
    ],
    options.env,
  );
  expect({ code: seeded.code, stderr: seeded.stderr }).toEqual({ code: 0, stderr: expect.any(String) });
  expect(seeded.stdout).toMatch(/Seeded the demo program/);
  return dataDir;
}

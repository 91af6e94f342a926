import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteReadModelStore } from '@vouch/event-store-sqlite';
import { spawnCli, type CliProcess } from './support/cli-process';
import { seededDataDir } from './support/seeded-data-dir';

const ENROLMENT_STATE = 'process-manager:enrol-approved-nominee';
/** A personal value planted in the unreadable state: the log must not quote it. */
const PLANTED = 'Mallory Plaintext-Okonkwo';

/** Serves the data dir until the API listens; answers the process (stopped by the caller). */
async function serving(dataDir: string): Promise<CliProcess> {
  const server = spawnCli(['serve', '--data-dir', dataDir, '--port', '0', '--environment', 'development']);
  // The process managers have started (and read their saved states) before the API listens.
  await server.waitFor(/Vouch API: http:\/\/[^/\s]+\/graphql/);
  return server;
}

async function stopped(server: CliProcess): Promise<string> {
  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
  return server.stdout();
}

/** The JSON log lines of a server's stdout. */
function logLines(stdout: string): { level: number; msg: string }[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: number; msg: string });
}

describe('vouch serve, when a process manager cannot open its saved state', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vouch-relearn-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  beforeAll(async () => {
    await seededDataDir({ dataDir });
  }, 80_000);

  it('says nothing about relearning when every saved state opens', async () => {
    const lines = logLines(await stopped(await serving(dataDir)));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((line) => /relearn/.test(line.msg))).toEqual([]);
  }, 60_000);

  it('logs a warning naming the manager and the reason, and no personal value of the saved state', async () => {
    // An operator's restore from a bad backup, or a tampered row: a saved state of a shape this code does not read.
    const db = new Database(join(dataDir, 'vouch.db'));
    try {
      const readModels = new SqliteReadModelStore(db);
      const saved = await readModels.load('demo', ENROLMENT_STATE, 1);
      expect(saved).toBeDefined();
      await readModels.save(
        'demo',
        ENROLMENT_STATE,
        1,
        { checkpoint: saved!.checkpoint, schemaVersion: 1, snapshot: { pending: [{ name: PLANTED }] } },
        { activate: true },
      );
    } finally {
      db.close();
    }

    const stdout = await stopped(await serving(dataDir));
    const relearning = logLines(stdout).filter((line) => /relearn/.test(line.msg));
    expect(relearning).toEqual([
      expect.objectContaining({
        level: 40, // pino's warn
        msg: 'enrol-approved-nominee relearns its state from the start of the log for tenant demo: its saved state cannot be opened (TypeError)',
      }),
    ]);
    expect(stdout).not.toContain(PLANTED);
  }, 60_000);
});

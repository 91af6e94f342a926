import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteReadModelStore } from '@vouch/event-store-sqlite';
import { runCliProcess, spawnCli, type CliProcess } from './support/cli-process';
import { seededDataDir } from './support/seeded-data-dir';

const ENROLMENT_STATE = 'process-manager:enrol-approved-nominee';
const READ_MODELS = 'read-models';
/** A personal value planted in the unreadable state: the log must not quote it. */
const PLANTED = 'Mallory Plaintext-Okonkwo';

/**
 * Replaces a saved snapshot's JSON text (in pieces or in its row) by `text`, as a torn write
 * or a hand edit leaves it: no store API writes broken JSON, so the bytes are written directly.
 */
function overwriteSnapshotText(dataDir: string, projection: string, text: string): void {
  const db = new Database(join(dataDir, 'vouch.db'));
  try {
    const chunked = db
      .prepare(
        "SELECT count(*) AS n FROM read_models WHERE tenant_id = 'demo' AND projection = ? AND snapshot = ''",
      )
      .get(projection) as { n: number };
    if (chunked.n > 0) {
      db.prepare("DELETE FROM read_model_chunks WHERE tenant_id = 'demo' AND projection = ? AND seq > 0").run(
        projection,
      );
      const changed = db
        .prepare(
          "UPDATE read_model_chunks SET text = ? WHERE tenant_id = 'demo' AND projection = ? AND seq = 0",
        )
        .run(text, projection);
      expect(changed.changes).toBe(1);
    } else {
      const changed = db
        .prepare(
          "UPDATE read_models SET snapshot = ? WHERE tenant_id = 'demo' AND projection = ? AND active = 1",
        )
        .run(text, projection);
      expect(changed.changes).toBe(1);
    }
  } finally {
    db.close();
  }
}

/** Asks the served API for a page of advocates as a program manager; answers the GraphQL response. */
async function searchAsProgramManager(dataDir: string, origin: string): Promise<unknown> {
  const token = await runCliProcess([
    'token',
    '--data-dir',
    dataDir,
    '--user',
    'pat.pm',
    '--roles',
    'PROGRAM_MANAGER',
  ]);
  expect(token.code).toBe(0);
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token.stdout.trim()}` },
    body: JSON.stringify({ query: '{ searchAdvocates(first: 3) { edges { node { id } } } }' }),
  });
  expect(response.status).toBe(200);
  return response.json();
}

/** Servers a failed case left running; each is stopped after its case. */
const started = new Set<CliProcess>();
afterEach(async () => {
  for (const server of started) {
    if (server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }
  started.clear();
});

/** Serves the data dir until the API listens; answers the process (stopped by the caller). */
async function serving(dataDir: string): Promise<CliProcess> {
  const server = spawnCli(['serve', '--data-dir', dataDir, '--port', '0', '--environment', 'development']);
  started.add(server);
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

  it('relearns a saved state torn mid-write (broken JSON), saying which row without quoting it', async () => {
    // Broken JSON whose parser message would quote the planted value around the error.
    overwriteSnapshotText(dataDir, ENROLMENT_STATE, `{"pending":[{"name":${PLANTED}}]`);

    const first = await serving(dataDir);
    const stdout = await stopped(first);
    const relearning = logLines(stdout).filter((line) => /relearn/.test(line.msg));
    expect(relearning).toEqual([
      expect.objectContaining({
        level: 40,
        msg:
          'enrol-approved-nominee relearns its state from the start of the log for tenant demo: ' +
          `its saved state (read model ${ENROLMENT_STATE} v1 of tenant demo) is not readable JSON (a torn write or a hand edit)`,
      }),
    ]);
    expect(stdout + first.stderr()).not.toContain(PLANTED);

    // Relearnt and saved again on stop: the next start opens it and says nothing.
    const again = logLines(await stopped(await serving(dataDir)));
    expect(again.filter((line) => /relearn/.test(line.msg))).toEqual([]);
  }, 90_000);

  it('rebuilds the read models from the log when their snapshot is broken JSON, and keeps serving', async () => {
    const server = await serving(dataDir);
    const [, origin] = (await server.waitFor(/Vouch API: (http:\/\/[^/\s]+)\/graphql/)) as [string, string];
    const before = await searchAsProgramManager(dataDir, origin);
    await stopped(server);
    overwriteSnapshotText(dataDir, READ_MODELS, `{"advocates":[{"name":${PLANTED}`);

    const broken = await serving(dataDir);
    const [, brokenOrigin] = (await broken.waitFor(/Vouch API: (http:\/\/[^/\s]+)\/graphql/)) as [
      string,
      string,
    ];
    // The same answer as before, from read models rebuilt from the log.
    expect(await searchAsProgramManager(dataDir, brokenOrigin)).toEqual(before);
    const page = before as { data: { searchAdvocates: { edges: unknown[] } } };
    expect(page.data.searchAdvocates.edges).toHaveLength(3);
    const stdout = await stopped(broken);
    const rebuilding = logLines(stdout).filter((line) => /relearn/.test(line.msg));
    expect(rebuilding).toEqual([
      expect.objectContaining({
        level: 40,
        msg:
          'read-models relearns its state from the start of the log for tenant demo: ' +
          'its saved state (read model read-models v1 of tenant demo) is not readable JSON (a torn write or a hand edit)',
      }),
    ]);
    expect(stdout + broken.stderr()).not.toContain(PLANTED);
  }, 120_000);
});

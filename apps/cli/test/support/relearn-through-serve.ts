import type { ReadModelStore } from '@vouch/event-store';
import { runCliProcess, spawnCli, type CliProcess } from './cli-process';

const TENANT = 'demo';
const ENROLMENT_STATE = 'process-manager:enrol-approved-nominee';
const RELEASE_STATE = 'process-manager:release-engagements-of-closed-request';
const READ_MODELS = 'read-models';
/** A personal value planted in an unusable saved state: the log must not quote it. */
export const PLANTED = 'Mallory Plaintext-Okonkwo';

/** A seeded deployment on one store, and direct access to its saved rows (as an operator's restore or a hand edit has). */
export interface SeededDeployment {
  /** The data directory `vouch serve` and `vouch token` are given (development keys). */
  readonly dataDir: string;
  /** The environment that selects the store (empty for SQLite in the data directory). */
  readonly env: Record<string, string>;
  /** The deployment's read-model store, opened beside the server; closed by `close`. */
  openReadModels(): Promise<{ readModels: ReadModelStore; close(): Promise<void> }>;
  /**
   * What the server prints once its background work (process managers, read-model writes) has
   * started, when that comes after the API listens (a store shared under a lease); the
   * server is stopped only after it.
   */
  readonly backgroundStarted?: RegExp;
  /** Replaces the text of a projection's active saved snapshot, as a torn write leaves it (no API writes broken JSON). */
  overwriteSnapshotText(projection: string, text: string): Promise<void>;
}

/** The JSON log lines of a server's stdout. */
function logLines(stdout: string): { level: number; msg: string }[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: number; msg: string });
}

const relearnLines = (stdout: string) => logLines(stdout).filter((line) => /relearn/.test(line.msg));

/** A sealed contact in a saved snapshot, where it sits. */
interface SealedAt {
  directory: { advocates: [string, { contact?: { tag: string } }][] };
}

/**
 * `vouch serve` meeting saved states it cannot use, on one store: each is said once as a
 * warning naming tenant, model and version (never the content), rebuilt from the log, and
 * the API keeps serving the same answers; the next start uses the rebuilt state and says
 * nothing.
 */
export function relearnThroughServe(storeName: string, deployment: () => SeededDeployment): void {
  describe(`vouch serve on ${storeName}, when a saved state cannot be used`, () => {
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

    /** Serves until the API listens and the background work has started; answers the process and its origin. */
    async function serving(): Promise<{ server: CliProcess; origin: string }> {
      const { dataDir, env } = deployment();
      const server = spawnCli(
        ['serve', '--data-dir', dataDir, '--port', '0', '--environment', 'development'],
        env,
      );
      started.add(server);
      const [, origin] = (await server.waitFor(/Vouch API: (http:\/\/[^/\s]+)\/graphql/, 120_000)) as [
        string,
        string,
      ];
      const { backgroundStarted } = deployment();
      if (backgroundStarted) await server.waitFor(backgroundStarted, 120_000);
      return { server, origin };
    }

    async function stopped(server: CliProcess): Promise<string> {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(server.stdout() + server.stderr()).not.toContain(PLANTED);
      return server.stdout();
    }

    /** A page of advocates with their contacts, as a program manager sees it. */
    async function advocatesPage(origin: string): Promise<unknown> {
      const { dataDir, env } = deployment();
      const token = await runCliProcess(
        ['token', '--data-dir', dataDir, '--user', 'pat.pm', '--roles', 'PROGRAM_MANAGER'],
        env,
      );
      expect(token.code).toBe(0);
      const response = await fetch(`${origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token.stdout.trim()}` },
        body: JSON.stringify({
          query: '{ searchAdvocates(first: 3) { edges { node { id advocateId contact { name email } } } } }',
        }),
      });
      expect(response.status).toBe(200);
      const page = (await response.json()) as {
        data: { searchAdvocates: { edges: { node: { advocateId: string; contact: unknown } }[] } };
      };
      expect(page.data.searchAdvocates.edges).toHaveLength(3);
      return page;
    }

    /** Rewrites the active saved snapshot of a projection through the store's API (valid JSON, so a wrong shape or a bad seal). */
    async function resave(projection: string, change: (snapshot: unknown) => unknown): Promise<number> {
      const { readModels, close } = await deployment().openReadModels();
      try {
        const version = (await readModels.activeVersion(TENANT, projection))!;
        const saved = (await readModels.load(TENANT, projection, version))!;
        await readModels.save(TENANT, projection, version, { ...saved, snapshot: change(saved.snapshot) });
        return version;
      } finally {
        await close();
      }
    }

    /** After a relearning start: the next start restores what was rebuilt and says nothing. */
    async function nextStartSaysNothing(): Promise<void> {
      const { server } = await serving();
      expect(relearnLines(await stopped(server))).toEqual([]);
    }

    /**
     * Serves over a saved state that fails to restore through a fault of the code: on every store
     * the server stops with exit 1 and the reason once on stderr, never the saved value. Alone on
     * its store the start fails; under a lease the API listens first, and the background work's
     * failure stops it (no retries that cannot mend it, no API answering from read models that
     * will never be current).
     */
    async function serveFailsToStart(failed: RegExp): Promise<void> {
      const { dataDir, env, backgroundStarted } = deployment();
      const server = spawnCli(
        ['serve', '--data-dir', dataDir, '--port', '0', '--environment', 'development'],
        env,
      );
      started.add(server);
      expect(await server.exited).toBe(1);
      expect(
        server
          .stderr()
          .split('\n')
          .filter((line) => failed.test(line)),
      ).toHaveLength(1);
      if (backgroundStarted) {
        const failures = logLines(server.stdout()).filter((line) => /under lease/.test(line.msg));
        // Said as an error (pino's 50), never as a failure to retry; once, or again if a retry
        // came before the stop.
        expect(failures.length).toBeGreaterThan(0);
        for (const line of failures)
          expect(line).toEqual(
            expect.objectContaining({ level: 50, msg: 'background work under lease cannot start' }),
          );
        expect(JSON.stringify(failures[0])).toMatch(failed);
      }
      expect(server.stdout() + server.stderr()).not.toContain(PLANTED);
      expect(relearnLines(server.stdout())).toEqual([]);
    }

    let before: unknown;

    it('says nothing about relearning when every saved state opens', async () => {
      const { server, origin } = await serving();
      before = await advocatesPage(origin);
      expect(relearnLines(await stopped(server))).toEqual([]);
    }, 180_000);

    it('process manager, a saved state of a shape this code does not read: one warning, no saved value quoted', async () => {
      await resave(ENROLMENT_STATE, () => ({ pending: [{ name: PLANTED }] }));
      const { server } = await serving();
      expect(relearnLines(await stopped(server))).toEqual([
        expect.objectContaining({
          level: 40, // pino's warn
          msg: `enrol-approved-nominee relearns its state from the start of the log for tenant ${TENANT}: its saved state cannot be opened (SavedStateShapeError SAVED_STATE_SHAPE)`,
        }),
      ]);
      await nextStartSaysNothing();
    }, 240_000);

    it('process manager, a saved state torn mid-write (broken JSON): one warning naming the row', async () => {
      const { overwriteSnapshotText } = deployment();
      await overwriteSnapshotText(ENROLMENT_STATE, `{"pending":[{"name":${PLANTED}}]`);
      const { server } = await serving();
      expect(relearnLines(await stopped(server))).toEqual([
        expect.objectContaining({
          level: 40,
          msg:
            `enrol-approved-nominee relearns its state from the start of the log for tenant ${TENANT}: ` +
            `its saved state (read model ${ENROLMENT_STATE} v1 of tenant ${TENANT}) is not readable JSON (a torn write or a hand edit)`,
        }),
      ]);
      await nextStartSaysNothing();
    }, 240_000);

    /** Breaks the read models' saved snapshot, serves: one warning with `reason`, the same answers, a quiet next start. */
    async function readModelsRebuilt(brokenVersion: number, reason: string): Promise<void> {
      const { server, origin } = await serving();
      expect(await advocatesPage(origin)).toEqual(before);
      expect(relearnLines(await stopped(server))).toEqual([
        expect.objectContaining({
          level: 40,
          msg:
            `${READ_MODELS} relearns its state from the start of the log for tenant ${TENANT}: ` +
            `its saved state (read model ${READ_MODELS} v${brokenVersion} of tenant ${TENANT}) ${reason}`,
        }),
      ]);
      await nextStartSaysNothing();
    }

    it('read models, a snapshot torn mid-write (broken JSON): rebuilt from the log, the API keeps serving', async () => {
      const { readModels, close } = await deployment().openReadModels();
      const version = (await readModels.activeVersion(TENANT, READ_MODELS))!;
      await close();
      await deployment().overwriteSnapshotText(READ_MODELS, `{"advocates":[{"name":${PLANTED}`);
      await readModelsRebuilt(version, 'is not readable JSON (a torn write or a hand edit)');
    }, 300_000);

    it('read models, a snapshot of valid JSON with a member missing: rebuilt from the log, the API keeps serving', async () => {
      const version = await resave(READ_MODELS, (snapshot) => {
        const { history: _dropped, ...rest } = snapshot as Record<string, unknown>;
        return { ...rest, note: PLANTED };
      });
      await readModelsRebuilt(version, 'cannot be opened (SavedStateShapeError SAVED_STATE_SHAPE)');
    }, 300_000);

    it('read models, a sealed contact that does not open under its key: rebuilt from the log with the contact', async () => {
      const shown = (before as { data: { searchAdvocates: { edges: { node: { advocateId: string } }[] } } })
        .data.searchAdvocates.edges[0]!.node.advocateId;
      const version = await resave(READ_MODELS, (snapshot) => {
        const sealed = snapshot as SealedAt;
        const contact = sealed.directory.advocates.find(([id]) => id === shown)![1].contact!;
        contact.tag = Buffer.alloc(16).toString('base64');
        return sealed;
      });
      await readModelsRebuilt(version, 'cannot be opened (SealUnopenableError SEAL_UNOPENABLE)');
    }, 300_000);

    it('read models, a snapshot of another schema version: rebuilt from the log, said once', async () => {
      const { readModels, close } = await deployment().openReadModels();
      let version: number;
      let schemaVersion: number;
      try {
        version = (await readModels.activeVersion(TENANT, READ_MODELS))!;
        const saved = (await readModels.load(TENANT, READ_MODELS, version))!;
        schemaVersion = saved.schemaVersion;
        await readModels.save(TENANT, READ_MODELS, version, { ...saved, schemaVersion: schemaVersion - 1 });
      } finally {
        await close();
      }
      await readModelsRebuilt(
        version,
        `is of schema version ${schemaVersion - 1}, this code reads ${schemaVersion}`,
      );
    }, 300_000);

    it('read models, a snapshot that passes every check and still fails to restore: the start fails, said without the saved value, the snapshot kept; vouch rebuild replaces it', async () => {
      // Inside an entry, where the checks do not look: restoring it throws as a fault of the code would.
      const version = await resave(READ_MODELS, (snapshot) => {
        const { directory } = snapshot as { directory: { accepted: unknown } };
        directory.accepted = [[PLANTED, 42]];
        return snapshot;
      });
      await serveFailsToStart(
        new RegExp(
          `ProjectionRestoreError|Read model ${READ_MODELS} v${version} of tenant ${TENANT} failed to restore`,
        ),
      );
      const { readModels, close } = await deployment().openReadModels();
      try {
        // Nothing thrown away: the same version stays active with the changed entry in it.
        expect(await readModels.activeVersion(TENANT, READ_MODELS)).toBe(version);
      } finally {
        await close();
      }

      const { dataDir, env } = deployment();
      const rebuilt = await runCliProcess(['rebuild', '--data-dir', dataDir, '--tenant', TENANT], env);
      expect(rebuilt.code).toBe(0);
      const { server: again, origin } = await serving();
      expect(await advocatesPage(origin)).toEqual(before);
      expect(relearnLines(await stopped(again))).toEqual([]);
    }, 400_000);

    it('process manager, a saved state that passes every check and still fails to restore: the start fails the same way; vouch rebuild relearns it', async () => {
      // A request whose pending engagements are a number: restoring it throws as a fault of the code would.
      const version = await resave(RELEASE_STATE, (snapshot) => [...(snapshot as unknown[]), [PLANTED, 42]]);
      await serveFailsToStart(
        new RegExp(
          `ProcessManagerRestoreError|Process manager release-engagements-of-closed-request \\(saved state v${version}\\) of tenant ${TENANT} failed to restore`,
        ),
      );
      const { dataDir, env } = deployment();
      const rebuilt = await runCliProcess(['rebuild', '--data-dir', dataDir, '--tenant', TENANT], env);
      expect(rebuilt.code).toBe(0);
      expect(rebuilt.stdout).toContain(
        `Relearnt the saved state of release-engagements-of-closed-request for ${TENANT} from the log`,
      );
      expect(rebuilt.stdout + rebuilt.stderr).not.toContain(PLANTED);
      await nextStartSaysNothing();
    }, 400_000);
  });
}

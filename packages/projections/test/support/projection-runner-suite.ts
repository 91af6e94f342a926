import {
  checkpointOf,
  type Checkpoint,
  type Clock,
  type EventStore,
  type ReadModelStore,
} from '@vouch/event-store';
import { ManualClock } from '@vouch/event-store/testing';
import {
  ProjectionLagError,
  ProjectionRestoreError,
  ProjectionRunner,
  TenantReadModels,
  type SealedTenantReadModelsSnapshot,
} from '../../src';
import { savedTextOf } from './saved-models';
import { admin, cmd, standardStory, TENANT, type StoryWorld } from './story-world';

/** An event store and a read-model store over the same storage, made fresh for each test. */
export interface RunnerStores {
  readonly store: EventStore;
  readonly readModels: ReadModelStore;
  /** Closes both (and whatever they share). */
  close(): Promise<void>;
}

// Appends a story's events through a real event store, stream by stream.
async function appendAll(store: EventStore, world: StoryWorld, from = 0): Promise<Checkpoint | undefined> {
  let last: Checkpoint | undefined;
  for (const { streamId, envelope } of world.envelopes.slice(from)) {
    const result = await store.append(TENANT, streamId, [envelope], { expectedVersion: 'any' });
    last = result.checkpoint;
  }
  return last;
}

/**
 * Writes `text` in place of a saved version's snapshot or first row of entries, as a torn
 * write or a hand edit leaves it (no store API writes broken JSON).
 */
export type TearSavedText = (
  stores: RunnerStores,
  projection: string,
  version: number,
  part: 'snapshot' | 'entries',
  text: string,
) => Promise<void>;

/** A personal value planted in broken saved text: nothing the runner says may quote it. */
const PLANTED = 'Mallory Plaintext-Okonkwo';

function runner(
  stores: RunnerStores,
  snapshotEvery = 10_000,
  onRelearn?: (projection: string, tenantId: string, reason: string) => void,
) {
  return new ProjectionRunner({
    ...(onRelearn ? { onRelearn } : {}),
    store: stores.store,
    readModels: stores.readModels,
    tenantId: TENANT,
    create: () => new TenantReadModels(),
    snapshotEvery,
    // Every `snapshotEvery` events, whatever a loaded machine makes a save cost: the rule, not the pacing.
    saveCostFactor: 0,
    pollIntervalMs: 20,
  });
}

// The snapshot and the audit entries beside it: everything a save keeps.
const snapshotOf = savedTextOf;

async function builtFromScratch(store: EventStore): Promise<TenantReadModels> {
  const direct = new TenantReadModels();
  for (const e of await store.readAll(TENANT, { limit: 10_000 })) direct.apply(e);
  return direct;
}

/**
 * The projection runner's behaviour over one pair of stores: the in-memory ones, and the
 * SQL ones where snapshot and checkpoint commit in one transaction.
 */
export function projectionRunnerSuite(
  name: string,
  open: (clock: Clock) => Promise<RunnerStores>,
  tear?: TearSavedText,
): void {
  describe(`the projection runner over ${name}`, () => {
    let stores: RunnerStores;
    beforeEach(async () => {
      stores = await open(new ManualClock('2026-11-23T09:00:00.000Z').now);
    });
    afterEach(() => stores.close());

    it('catches up through history, then follows live appends; waitFor gives read-your-writes', async () => {
      const world = standardStory();
      const split = world.envelopes.length - 5;
      await appendAll(stores.store, { envelopes: world.envelopes.slice(0, split) } as StoryWorld);
      const r = runner(stores);
      await r.start();
      expect(r.projection.request('req-2', world.now)).toBeUndefined();

      const last = await appendAll(stores.store, world, split);
      await r.waitFor(last!);
      expect(r.checkpoint).toBe(last);
      expect(r.projection.request('req-2', world.now)?.request.status).toBe('TRIAGED');
      expect(snapshotOf(r.projection)).toBe(snapshotOf(await builtFromScratch(stores.store)));
      await r.stop();
    });

    it('resumes after a restart from the saved snapshot and checkpoint, without applying anything twice', async () => {
      const world = standardStory();
      const half = Math.floor(world.envelopes.length / 2);
      const quarter = Math.floor(half / 2);
      await appendAll(stores.store, { envelopes: world.envelopes.slice(0, quarter) } as StoryWorld);
      const saves = jest.spyOn(stores.readModels, 'save');
      const first = runner(stores, 7);
      await first.start();
      // A build from scratch is saved once, when it is activated (a start discards an
      // unactivated version, so an earlier save would never be read)...
      expect(saves.mock.calls.map((call) => call[4]?.activate)).toEqual([true]);
      // ...and from then on every so often while it follows the log.
      const atHalf = await appendAll(
        stores.store,
        { envelopes: world.envelopes.slice(0, half) } as StoryWorld,
        quarter,
      );
      await first.waitFor(atHalf!);
      const stoppedAt = first.checkpoint;
      await first.stop();
      expect(saves.mock.calls.length).toBeGreaterThan(2);
      saves.mockRestore();
      expect((await stores.readModels.load(TENANT, 'read-models', 1))?.checkpoint).toBe(stoppedAt);

      const last = await appendAll(stores.store, world, half);
      const second = runner(stores);
      const applied: string[] = [];
      const original = TenantReadModels.prototype.apply;
      const spy = jest.spyOn(TenantReadModels.prototype, 'apply').mockImplementation(function (
        this: TenantReadModels,
        e,
      ) {
        applied.push(e.checkpoint);
        original.call(this, e);
      });
      try {
        await second.start();
        await second.waitFor(last!);
      } finally {
        spy.mockRestore();
      }
      // Only the events after the saved checkpoint were read and applied.
      expect(applied.every((c) => c > stoppedAt)).toBe(true);
      expect(applied).toHaveLength(world.envelopes.length - half);
      expect(snapshotOf(second.projection)).toBe(snapshotOf(await builtFromScratch(stores.store)));
      await second.stop();
    });

    it('rebuilds a new version beside the live one and switches once it has caught up', async () => {
      const world = standardStory();
      await appendAll(stores.store, world);
      const r = runner(stores);
      await r.start();
      expect(r.version).toBe(1);
      const before = r.projection;
      const rebuilt = r.rebuild();
      // Queries keep being served by the live version while the new one is built.
      expect(r.projection).toBe(before);
      await rebuilt;
      expect(r.version).toBe(2);
      expect(r.projection).not.toBe(before);
      expect(snapshotOf(r.projection)).toBe(snapshotOf(before));
      expect(await stores.readModels.activeVersion(TENANT, 'read-models')).toBe(2);
      expect(await stores.readModels.load(TENANT, 'read-models', 1)).toBeUndefined();

      // The new version follows the live log.
      world.advocate('bob', cmd('RetireAdvocate', { reason: 'Left the company' }));
      const last = await appendAll(stores.store, world, world.envelopes.length - 1);
      await r.waitFor(last!);
      expect(r.projection.fullAdvocate('bob', world.now)?.status).toBe('RETIRED');
      await r.stop();

      // A restart restores the activated version.
      const again = runner(stores);
      await again.start();
      expect(again.version).toBe(2);
      expect(again.projection.fullAdvocate('bob', world.now)?.status).toBe('RETIRED');
      await again.stop();
    });

    it('starts a rebuild over from scratch when an interrupted one left its version behind', async () => {
      const world = standardStory();
      const last = await appendAll(stores.store, world);
      const r = runner(stores, 5);
      await r.start();
      // What a rebuild killed before its switch leaves: a later checkpoint in the next version.
      await stores.readModels.save(TENANT, 'read-models', 2, {
        checkpoint: last!,
        schemaVersion: TenantReadModels.SCHEMA_VERSION,
        snapshot: { left: 'behind' },
      });
      expect(await stores.readModels.activeVersion(TENANT, 'read-models')).toBe(1);
      await r.rebuild();
      expect(r.version).toBe(2);
      expect(snapshotOf(r.projection)).toBe(snapshotOf(await builtFromScratch(stores.store)));
      await r.stop();
      await expect(stores.readModels.discard(TENANT, 'read-models', 2)).rejects.toBeInstanceOf(RangeError);
    });

    it('saves contacts only sealed, and at once after an erasure drops even the sealed contact', async () => {
      const world = standardStory();
      await appendAll(stores.store, world);
      const r = runner(stores);
      await r.start();
      const saved = async () => (await stores.readModels.load(TENANT, 'read-models', 1))?.snapshot;
      const sealedContactOf = async () => {
        const snapshot = (await saved()) as SealedTenantReadModelsSnapshot;
        return snapshot.directory.advocates.find(([id]) => id === 'ines')?.[1].contact;
      };
      expect(JSON.stringify(await saved())).not.toMatch(/Ines Weber|ines@example\.com|Head of Operations/);
      expect(await sealedContactOf()).toMatchObject({ subjectId: 'ines', ciphertext: expect.any(String) });
      world.advocate('ines', cmd('RequestErasure', { reason: 'GDPR Art. 17' }), admin);
      const erased =
        world.envelopes.length - world.envelopes.findLastIndex((e) => e.envelope.type === 'AdvocateErased');
      const last = await appendAll(stores.store, world, world.envelopes.length - erased);
      await r.waitFor(last!);
      // Far below the cadence (10,000 events): the erasure alone makes the runner save.
      for (let wait = 0; (await sealedContactOf()) !== undefined && wait < 100; wait++)
        await new Promise((ok) => setTimeout(ok, 10));
      expect(await sealedContactOf()).toBeUndefined();
      await r.stop();
    });

    it("a restart opens the sealed contacts; an erased advocate's sealed contact in an older snapshot stays closed", async () => {
      const world = standardStory();
      await appendAll(stores.store, world);
      const first = runner(stores);
      await first.start();
      await first.stop();
      const older = await stores.readModels.load(TENANT, 'read-models', 1);
      const second = runner(stores);
      await second.start();
      expect(second.projection.fullAdvocate('ines', world.now)?.contact?.name).toBe('Ines Weber');
      await second.stop();
      // The key is destroyed while a snapshot that still holds the sealed contact is the saved one.
      await stores.store.forgetSubject(TENANT, 'ines');
      await stores.readModels.save(TENANT, 'read-models', 1, older!);
      const relearnt: string[] = [];
      const third = runner(stores, 10_000, (_p, _t, reason) => relearnt.push(reason));
      await third.start();
      expect(third.projection.fullAdvocate('ines', world.now)?.contact).toBeUndefined();
      expect(third.projection.fullAdvocate('bob', world.now)?.contact?.name).toBe('Bob Stone');
      // Erased on purpose: the snapshot is used as it is (no rebuild, nothing said).
      expect(third.version).toBe(1);
      expect(relearnt).toEqual([]);
      await third.stop();
    });

    it('builds a new version from the log, with one notice, when a sealed contact does not open under its key', async () => {
      const world = standardStory();
      await appendAll(stores.store, world);
      const first = runner(stores);
      await first.start();
      await first.stop();
      // Changed bytes (or a key vault restored apart from the snapshot): ines's seal no longer authenticates.
      const saved = (await stores.readModels.load(TENANT, 'read-models', 1))!;
      const snapshot = structuredClone(saved.snapshot) as SealedTenantReadModelsSnapshot;
      const ines = snapshot.directory.advocates.find(([id]) => id === 'ines')![1] as {
        contact: { tag: string };
      };
      ines.contact.tag = Buffer.alloc(16).toString('base64');
      await stores.readModels.save(TENANT, 'read-models', 1, { ...saved, snapshot });

      const relearnt: string[] = [];
      const r = runner(stores, 10_000, (projection, tenantId, reason) =>
        relearnt.push(`${projection}@${tenantId}: ${reason}`),
      );
      await r.start();
      expect(relearnt).toEqual([
        `read-models@${TENANT}: its saved state (read model read-models v1 of tenant ${TENANT}) cannot be opened (SealUnopenableError SEAL_UNOPENABLE)`,
      ]);
      expect(r.version).toBe(2);
      // Rebuilt from the log: the contact is back, as a build from scratch has it.
      expect(r.projection.fullAdvocate('ines', world.now)?.contact?.name).toBe('Ines Weber');
      expect(snapshotOf(r.projection)).toBe(snapshotOf(await builtFromScratch(stores.store)));
      await r.stop();
    });

    const layouts: [string, (snapshot: Record<string, unknown>) => unknown][] = [
      ['a member missing', ({ history: _left, ...rest }) => rest],
      [
        'an older layout (advocates as an object)',
        (snapshot) => {
          const directory = snapshot.directory as { advocates: [string, unknown][] };
          return {
            ...snapshot,
            directory: { ...directory, advocates: Object.fromEntries(directory.advocates) },
          };
        },
      ],
      [
        'an audit count that is not a count',
        (snapshot) => ({ ...snapshot, audit: { ...(snapshot.audit as object), count: PLANTED } }),
      ],
      ['another model altogether', () => ({ pending: [{ name: PLANTED }] })],
    ];
    for (const [layout, reshape] of layouts) {
      it(`builds a new version from the log, with one notice, when the saved snapshot is valid JSON with ${layout}`, async () => {
        const world = standardStory();
        await appendAll(stores.store, world);
        const first = runner(stores);
        await first.start();
        await first.stop();
        const saved = (await stores.readModels.load(TENANT, 'read-models', 1))!;
        await stores.readModels.save(TENANT, 'read-models', 1, {
          ...saved,
          snapshot: reshape(structuredClone(saved.snapshot) as Record<string, unknown>),
        });

        const relearnt: string[] = [];
        const said = (projection: string, tenantId: string, reason: string) =>
          relearnt.push(`${projection}@${tenantId}: ${reason}`);
        const r = runner(stores, 10_000, said);
        await r.start();
        expect(relearnt).toEqual([
          `read-models@${TENANT}: its saved state (read model read-models v1 of tenant ${TENANT}) cannot be opened (SavedStateShapeError SAVED_STATE_SHAPE)`,
        ]);
        expect(r.version).toBe(2);
        expect(snapshotOf(r.projection)).toBe(snapshotOf(await builtFromScratch(stores.store)));
        await r.stop();

        // The new version replaced it: the next start restores it and says nothing.
        const again = runner(stores, 10_000, said);
        await again.start();
        expect(again.version).toBe(2);
        expect(relearnt).toHaveLength(1);
        await again.stop();
      });
    }

    it('fails the start, keeping the saved snapshot and relearning nothing, when a sound snapshot fails to restore (a fault of the code)', async () => {
      const world = standardStory();
      await appendAll(stores.store, world);
      const first = runner(stores);
      await first.start();
      await first.stop();
      const saved = await stores.readModels.load(TENANT, 'read-models', 1);
      // A programming error in a model's restore, whose message quotes what it restored.
      const restore = jest.spyOn(TenantReadModels.prototype, 'restore').mockImplementation(() => {
        throw new TypeError(`Cannot read properties of ${PLANTED}`);
      });
      const relearnt: string[] = [];
      try {
        const r = runner(stores, 10_000, (_p, _t, reason) => relearnt.push(reason));
        const failure = await r.start().then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(failure).toBeInstanceOf(ProjectionRestoreError);
        expect(failure).toMatchObject({
          code: 'PROJECTION_RESTORE_FAILED',
          projection: 'read-models',
          tenantId: TENANT,
          version: 1,
          kind: 'TypeError',
        });
        const { message, thrownAt } = failure as ProjectionRestoreError;
        expect(message).toContain(`Read model read-models v1 of tenant ${TENANT} failed to restore`);
        expect(thrownAt).toMatch(/projection-runner-suite/);
        expect(message).not.toContain(PLANTED);
        expect(relearnt).toEqual([]);
        // Nothing was thrown away: the same version stays active with the same saved state.
        expect(await stores.readModels.activeVersion(TENANT, 'read-models')).toBe(1);
        expect(await stores.readModels.load(TENANT, 'read-models', 1)).toEqual(saved);
        expect(await stores.readModels.load(TENANT, 'read-models', 2)).toBeUndefined();

        // An explicit rebuild's runner relearns it all the same (the operator's way out).
        const rebuilt = new ProjectionRunner({
          store: stores.store,
          readModels: stores.readModels,
          tenantId: TENANT,
          create: () => new TenantReadModels(),
          relearnOnAnyRestoreFailure: true,
          onRelearn: (_p, _t, reason) => relearnt.push(reason),
        });
        await rebuilt.start();
        expect(relearnt).toEqual([
          `its saved state (read model read-models v1 of tenant ${TENANT}) cannot be opened (TypeError)`,
        ]);
        expect(rebuilt.version).toBe(2);
        await rebuilt.stop();
      } finally {
        restore.mockRestore();
      }
    });

    it('rebuilds from scratch when the saved snapshot has another schema version', async () => {
      const world = standardStory();
      await appendAll(stores.store, world);
      const checkpoint = (await stores.store.readAll(TENANT, { limit: 1 }))[0]!.checkpoint;
      await stores.readModels.save(TENANT, 'read-models', 1, {
        checkpoint,
        schemaVersion: 0,
        snapshot: { old: true },
      });
      await stores.readModels.activate(TENANT, 'read-models', 1);
      const relearnt: string[] = [];
      const r = runner(stores, 10_000, (_p, _t, reason) => relearnt.push(reason));
      await r.start();
      expect(relearnt).toEqual([
        `its saved state (read model read-models v1 of tenant ${TENANT}) is of schema version 0, this code reads ${TenantReadModels.SCHEMA_VERSION}`,
      ]);
      expect(r.version).toBe(2);
      expect(r.projection.request('req-1', world.now)?.request.status).toBe('CLOSED');
      await r.stop();
    });

    for (const part of tear ? (['snapshot', 'entries'] as const) : []) {
      it(`builds a new version from the log when its saved ${part} is broken JSON, naming the row, never its text`, async () => {
        const world = standardStory();
        await appendAll(stores.store, world);
        const first = runner(stores);
        await first.start();
        await first.stop();
        await tear!(stores, 'read-models', 1, part, `{"name":${PLANTED}`);

        const relearnt: string[] = [];
        const said = (projection: string, tenantId: string, reason: string) =>
          relearnt.push(`${projection}@${tenantId}: ${reason}`);
        const r = runner(stores, 10_000, said);
        await r.start();
        expect(r.version).toBe(2);
        expect(snapshotOf(r.projection)).toBe(snapshotOf(await builtFromScratch(stores.store)));
        expect(relearnt).toEqual([
          `read-models@${TENANT}: its saved state (read model read-models v1 of tenant ${TENANT}) is not readable JSON (a torn write or a hand edit)`,
        ]);
        await r.stop();

        // The broken version went when the new one was activated: the next start restores it and says nothing.
        const again = runner(stores, 10_000, said);
        await again.start();
        expect(again.version).toBe(2);
        expect(snapshotOf(again.projection)).toBe(snapshotOf(await builtFromScratch(stores.store)));
        expect(relearnt).toHaveLength(1);
        await again.stop();
      });
    }

    it('refuses to move a saved version back to an earlier checkpoint', async () => {
      const saved = (position: number) => ({
        checkpoint: checkpointOf(position),
        schemaVersion: 1,
        snapshot: [],
      });
      await stores.readModels.save(TENANT, 'p', 1, saved(9));
      await expect(stores.readModels.save(TENANT, 'p', 1, saved(8))).rejects.toBeInstanceOf(RangeError);
      expect((await stores.readModels.load(TENANT, 'p', 1))?.checkpoint).toBe(checkpointOf(9));
      // Another tenant's model is its own.
      expect(await stores.readModels.load('tenant-2', 'p', 1)).toBeUndefined();
    });

    describe('append-only entries beside the snapshot', () => {
      const saved = (position: number) => ({
        checkpoint: checkpointOf(position),
        schemaVersion: 1,
        snapshot: { at: position },
      });
      const entry = (i: number) => [checkpointOf(i + 1), `stream-${i}`, i, 'Zoë 山田 🙂', null, { n: i }];
      /** The first `count` entries, recording which positions the store asked for. */
      const entries = (count: number, asked: number[] = []) => ({
        count,
        slice: (start: number) => {
          asked.push(start);
          return Array.from({ length: count - start }, (_, i) => entry(start + i));
        },
      });
      const all = (count: number) => Array.from({ length: count }, (_, i) => entry(i));
      const load = (version: number, tenant = TENANT) => stores.readModels.loadEntries(tenant, 'p', version);

      it('a save asks only for the entries the store does not hold yet, and appends them in order', async () => {
        expect(await load(1)).toEqual([]);
        const asked: number[] = [];
        await stores.readModels.save(TENANT, 'p', 1, saved(3), { entries: entries(3, asked) });
        await stores.readModels.save(TENANT, 'p', 1, saved(4), { entries: entries(2500, asked) });
        // The same count again (a save with nothing new) and a save without entries add nothing.
        await stores.readModels.save(TENANT, 'p', 1, saved(5), { entries: entries(2500, asked) });
        await stores.readModels.save(TENANT, 'p', 1, saved(6));
        expect(asked).toEqual([0, 3, 2500]);
        expect(await load(1)).toEqual(all(2500));
        expect((await stores.readModels.load(TENANT, 'p', 1))?.snapshot).toEqual({ at: 6 });
        // Another tenant's and another version's entries are their own.
        expect(await load(1, 'tenant-2')).toEqual([]);
        expect(await load(2)).toEqual([]);
      });

      it('refuses fewer entries than it holds, and the refused save changes nothing', async () => {
        await stores.readModels.save(TENANT, 'p', 1, saved(3), { entries: entries(5) });
        await expect(
          stores.readModels.save(TENANT, 'p', 1, saved(4), { entries: entries(4) }),
        ).rejects.toBeInstanceOf(RangeError);
        // Nor does a save refused for its checkpoint append its entries.
        await expect(
          stores.readModels.save(TENANT, 'p', 1, saved(2), { entries: entries(9) }),
        ).rejects.toBeInstanceOf(RangeError);
        expect((await stores.readModels.load(TENANT, 'p', 1))?.checkpoint).toBe(checkpointOf(3));
        expect(await load(1)).toEqual(all(5));
      });

      it("activation drops the other versions' entries; discard drops a version's, never the active one's", async () => {
        await stores.readModels.save(TENANT, 'p', 1, saved(3), { entries: entries(3), activate: true });
        await stores.readModels.save(TENANT, 'p', 2, saved(3), { entries: entries(4) });
        await stores.readModels.save(TENANT, 'p', 3, saved(3), { entries: entries(2) });
        await stores.readModels.discard(TENANT, 'p', 3);
        expect(await load(3)).toEqual([]);
        // A new build of a discarded version starts from no entries.
        await stores.readModels.save(TENANT, 'p', 3, saved(3), { entries: entries(1) });
        expect(await load(3)).toEqual(all(1));
        await stores.readModels.save(TENANT, 'p', 2, saved(4), { entries: entries(6), activate: true });
        expect(await load(1)).toEqual([]);
        expect(await load(3)).toEqual([]);
        expect(await load(2)).toEqual(all(6));
        await expect(stores.readModels.discard(TENANT, 'p', 2)).rejects.toBeInstanceOf(RangeError);
        expect(await load(2)).toEqual(all(6));
      });

      it('the runner saves the audit entries beside the snapshot, only those appended since its last save', async () => {
        const world = standardStory();
        const half = Math.floor(world.envelopes.length / 2);
        await appendAll(stores.store, { envelopes: world.envelopes.slice(0, half) } as StoryWorld);
        const saves = jest.spyOn(stores.readModels, 'save');
        const first = runner(stores, 5);
        await first.start();
        const last = await appendAll(stores.store, world, half);
        await first.waitFor(last!);
        await first.stop();
        // Each save hands over the entries as they stood at its checkpoint; the count only grows.
        const counts = saves.mock.calls.map((call) => call[4]?.entries?.count);
        expect(counts.length).toBeGreaterThan(2);
        expect(counts).toEqual([...counts].sort((a, b) => a! - b!));
        expect(counts[counts.length - 1]).toBe(world.envelopes.length);
        saves.mockRestore();
        // The snapshot holds no entry; the store holds every one, once, in log order.
        const snapshot = (await stores.readModels.load(TENANT, 'read-models', 1))!.snapshot as {
          audit: Record<string, unknown>;
        };
        expect(Object.keys(snapshot.audit).sort()).toEqual(['actors', 'count', 'timelines']);
        const stored = (await stores.readModels.loadEntries(TENANT, 'read-models', 1)) as [string][];
        expect(stored.map(([checkpoint]) => checkpoint)).toEqual(
          (await stores.store.readAll(TENANT, { limit: 10_000 })).map((e) => e.checkpoint),
        );
        // A restart answers the audit history as a build from scratch does.
        const second = runner(stores);
        await second.start();
        const scratch = await builtFromScratch(stores.store);
        expect(second.projection.auditHistory('advocate', 'ines')).toEqual(
          scratch.auditHistory('advocate', 'ines'),
        );
        expect(second.projection.auditHistory('advocate', 'ines').length).toBeGreaterThan(3);
        expect(snapshotOf(second.projection)).toBe(snapshotOf(scratch));
        await second.stop();
      });
    });

    it('waitFor times out with a ProjectionLagError when the checkpoint never arrives', async () => {
      const r = runner(stores);
      await r.start();
      await expect(r.waitFor('0000000000000099' as Checkpoint, 30)).rejects.toBeInstanceOf(
        ProjectionLagError,
      );
      await r.stop();
    });
  });
}

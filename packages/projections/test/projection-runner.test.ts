import { InMemoryEventStore, ManualClock, type Checkpoint, type EventStore } from '@vouch/event-store';
import { InMemoryReadModelStore, ProjectionLagError, ProjectionRunner, TenantReadModels } from '../src';
import { cmd, standardStory, TENANT, type StoryWorld } from './support/story-world';

// Appends a story's events through a real (in-memory) event store, stream by stream.
async function appendAll(store: EventStore, world: StoryWorld, from = 0): Promise<Checkpoint | undefined> {
  let last: Checkpoint | undefined;
  for (const { streamId, envelope } of world.envelopes.slice(from)) {
    const result = await store.append(TENANT, streamId, [envelope], { expectedVersion: 'any' });
    last = result.checkpoint;
  }
  return last;
}

function runner(store: EventStore, readModels: InMemoryReadModelStore, snapshotEvery = 10_000) {
  return new ProjectionRunner({
    store,
    readModels,
    tenantId: TENANT,
    create: () => new TenantReadModels(),
    snapshotEvery,
    pollIntervalMs: 20,
  });
}

const snapshotOf = (models: TenantReadModels) => JSON.stringify(models.snapshot());

describe('the projection runner', () => {
  let store: InMemoryEventStore;
  beforeEach(() => {
    store = new InMemoryEventStore({ clock: new ManualClock('2026-11-23T09:00:00.000Z').now });
  });
  afterEach(() => store.close());

  it('catches up through history, then follows live appends; waitFor gives read-your-writes', async () => {
    const world = standardStory();
    const split = world.envelopes.length - 5;
    const partial = { envelopes: world.envelopes.slice(0, split) } as StoryWorld;
    await appendAll(store, partial);
    const readModels = new InMemoryReadModelStore();
    const r = runner(store, readModels);
    await r.start();
    expect(r.projection.request('req-2', world.now)).toBeUndefined();

    const last = await appendAll(store, world, split);
    await r.waitFor(last!);
    expect(r.checkpoint).toBe(last);
    expect(r.projection.request('req-2', world.now)?.request.status).toBe('TRIAGED');

    const direct = new TenantReadModels();
    for (const e of await store.readAll(TENANT, { limit: 10_000 })) direct.apply(e);
    expect(snapshotOf(r.projection)).toBe(snapshotOf(direct));
    await r.stop();
  });

  it('resumes after a restart from the saved snapshot and checkpoint, without applying anything twice', async () => {
    const world = standardStory();
    const half = Math.floor(world.envelopes.length / 2);
    await appendAll(store, { envelopes: world.envelopes.slice(0, half) } as StoryWorld);
    const readModels = new InMemoryReadModelStore();
    const first = runner(store, readModels, 7);
    await first.start();
    const stoppedAt = first.checkpoint;
    await first.stop();
    expect(readModels.saves).toBeGreaterThan(1);
    expect((await readModels.load(TENANT, 'read-models', 1))?.checkpoint).toBe(stoppedAt);

    const last = await appendAll(store, world, half);
    const second = runner(store, readModels);
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

    const direct = new TenantReadModels();
    for (const e of await store.readAll(TENANT, { limit: 10_000 })) direct.apply(e);
    expect(snapshotOf(second.projection)).toBe(snapshotOf(direct));
    await second.stop();
  });

  it('rebuilds a new version beside the live one and switches once it has caught up', async () => {
    const world = standardStory();
    await appendAll(store, world);
    const readModels = new InMemoryReadModelStore();
    const r = runner(store, readModels);
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
    expect(await readModels.activeVersion(TENANT, 'read-models')).toBe(2);
    expect(readModels.versions(TENANT, 'read-models')).toEqual([2]);

    // The new version follows the live log.
    world.advocate('bob', cmd('RetireAdvocate', { reason: 'Left the company' }));
    const last = await appendAll(store, world, world.envelopes.length - 1);
    await r.waitFor(last!);
    expect(r.projection.fullAdvocate('bob', world.now)?.status).toBe('RETIRED');
    await r.stop();

    // A restart restores the activated version.
    const again = runner(store, readModels);
    await again.start();
    expect(again.version).toBe(2);
    expect(again.projection.fullAdvocate('bob', world.now)?.status).toBe('RETIRED');
    await again.stop();
  });

  it('rebuilds from scratch when the saved snapshot has another schema version', async () => {
    const world = standardStory();
    await appendAll(store, world);
    const readModels = new InMemoryReadModelStore();
    const checkpoint = (await store.readAll(TENANT, { limit: 1 }))[0]!.checkpoint;
    await readModels.save(TENANT, 'read-models', 1, {
      checkpoint,
      schemaVersion: 0,
      snapshot: { old: true },
    });
    await readModels.activate(TENANT, 'read-models', 1);
    const r = runner(store, readModels);
    await r.start();
    expect(r.version).toBe(2);
    expect(r.projection.request('req-1', world.now)?.request.status).toBe('CLOSED');
    await r.stop();
  });

  it('waitFor times out with a ProjectionLagError when the checkpoint never arrives', async () => {
    const r = runner(store, new InMemoryReadModelStore());
    await r.start();
    await expect(r.waitFor('0000000000000099' as Checkpoint, 30)).rejects.toBeInstanceOf(ProjectionLagError);
    await r.stop();
  });
});

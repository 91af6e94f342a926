import { randomBytes } from 'node:crypto';
import { createVouch, PROCESS_MANAGERS } from '@vouch/application';
import {
  EngineEventStore,
  InMemoryCheckpointStore,
  InMemoryWrappedKeyRepository,
  MasterKeyVault,
} from '@vouch/event-store';
import { seedDemoProgram } from '../src/seed/demo-program';
import { SimulatedClock } from '../src/seed/simulated-clock';
import { CountingStorageEngine } from './support/counting-storage-engine';

const TENANT = 'demo';
const UNTIL = '2026-06-30T08:00:00.000Z';

/** Seeds the demo program at a scale; answers, per process manager, the events it examined per event appended. */
async function seedAndCount(
  scale: number,
): Promise<{ appended: number; perAppended: Map<string, number>; sharedPerAppended: number }> {
  const clock = new SimulatedClock(UNTIL);
  const engine = new CountingStorageEngine();
  const store = new EngineEventStore(engine, {
    vault: new MasterKeyVault(randomBytes(32), new InMemoryWrappedKeyRepository()),
    clock: clock.now,
  });
  const checkpoints = new InMemoryCheckpointStore();
  let ids = 0;
  const vouch = createVouch({
    store,
    clock: clock.now,
    newId: () => `id-${(ids += 1)}`,
    checkpoints,
    dueWorkIntervalMs: 0,
    settleReactions: true,
  });
  await vouch.start([TENANT]);
  try {
    await seedDemoProgram(vouch, store, clock, { tenantId: TENANT, seed: 7, scale, until: UNTIL });
    // Every manager's checkpoint reaches the end of the log, past the events it does not react to.
    const end = await store.lastCheckpoint(TENANT);
    for (const manager of PROCESS_MANAGERS) {
      const deadline = Date.now() + 10_000;
      while ((await checkpoints.load(`${TENANT}/${manager.name}`)) !== end) {
        if (Date.now() > deadline) throw new Error(`${manager.name} never reached the end of the log`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
  } finally {
    await vouch.stop();
    await store.close();
  }
  const perAppended = new Map(
    PROCESS_MANAGERS.map((m) => [m.name, engine.examined(m.eventTypes) / engine.appended] as const),
  );
  return {
    appended: engine.appended,
    perAppended,
    sharedPerAppended: engine.examinedUnfiltered() / engine.appended,
  };
}

describe('seeding cost is linear in the history', () => {
  it("the tenant's subscriptions examine one event per event appended in all, whatever the history", async () => {
    const small = await seedAndCount(0.03);
    const large = await seedAndCount(0.06);
    expect(large.appended).toBeGreaterThan(1.6 * small.appended);
    if (process.env.VOUCH_SHOW_SCAN_COUNTS) {
      console.log({
        appended: [small.appended, large.appended],
        small: small.perAppended,
        large: large.perAppended,
        shared: [small.sharedPerAppended, large.sharedPerAppended],
      });
    }
    // The subscriptions woken by a commit share one read of the log's tail: no process manager
    // reads the log on its own, and that one read examines every event once (its reactions
    // included), never again — one event examined per event appended for the whole tenant, at
    // either size (it was one per subscriber, ten in all, before the read was shared).
    const none = new Map(PROCESS_MANAGERS.map((m) => [m.name, 0]));
    expect(small.perAppended).toEqual(none);
    expect(large.perAppended).toEqual(none);
    expect(small.sharedPerAppended).toBe(1);
    expect(large.sharedPerAppended).toBe(1);
  }, 120_000);
});

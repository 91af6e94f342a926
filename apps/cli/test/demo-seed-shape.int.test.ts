import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createVouch } from '@vouch/application';
import { InMemoryEventStore, type EventStore } from '@vouch/event-store';
import { seedDemoProgram } from '../src/seed/demo-program';
import { SimulatedClock } from '../src/seed/simulated-clock';

const GOLDEN = join(__dirname, 'golden', 'demo-seed-shape.json');
const UNTIL = '2026-06-30T08:00:00.000Z';
const SCALES = [0.01, 0.03];

/** Every event type the seed recorded, with how many, in type order. */
async function eventTypes(store: EventStore, tenantId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const event of await store.readAll(tenantId, { limit: 1_000_000 })) {
    counts[event.type] = (counts[event.type] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** What the demo seed builds at a scale: the events by type, the commands run and refused. */
async function seedShape(scale: number) {
  const clock = new SimulatedClock(UNTIL);
  const store = new InMemoryEventStore({ clock: clock.now });
  let sequence = 0;
  const vouch = createVouch({
    store,
    clock: clock.now,
    newId: () => `seed-id-${(sequence += 1)}`,
    dueWorkIntervalMs: 0,
    settleReactions: true,
  });
  await vouch.start(['demo']);
  try {
    const summary = await seedDemoProgram(vouch, store, clock, {
      tenantId: 'demo',
      seed: 7,
      scale,
      until: UNTIL,
    });
    const sorted = (map: ReadonlyMap<string, number>) =>
      Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : 1)));
    return {
      accounts: summary.accounts,
      advocates: summary.advocates,
      requests: summary.requests,
      eventTypes: await eventTypes(store, 'demo'),
      executed: sorted(summary.executed),
      refused: sorted(summary.refused),
    };
  } finally {
    await vouch.stop();
    await store.close();
  }
}

/**
 * The demo seed's result pinned per scale, so reorganising the seed cannot change what it
 * builds. A deliberate change to the seed or the domain regenerates the file with
 * `VOUCH_UPDATE_SEED_SHAPE=1` and shows the difference in review.
 */
describe('the demo seed builds the same program at every scale', () => {
  const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, unknown>;
  const updated: Record<string, unknown> = {};
  afterAll(() => {
    if (process.env.VOUCH_UPDATE_SEED_SHAPE === '1')
      writeFileSync(GOLDEN, `${JSON.stringify(updated, null, 2)}\n`);
  });

  it.each(SCALES)(
    'at scale %p',
    async (scale) => {
      const shape = await seedShape(scale);
      updated[String(scale)] = shape;
      if (process.env.VOUCH_UPDATE_SEED_SHAPE !== '1') expect(shape).toEqual(golden[String(scale)]);
    },
    300_000,
  );
});

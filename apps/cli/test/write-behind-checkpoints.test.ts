import { checkpointOf, InMemoryCheckpointStore } from '@vouch/event-store';
import { WriteBehindCheckpoints } from '../src/seed/write-behind-checkpoints';

describe('WriteBehindCheckpoints (the seed’s process-manager checkpoints)', () => {
  it('keeps saves in memory until flushed, then writes the last of each', async () => {
    const durable = new InMemoryCheckpointStore();
    const checkpoints = new WriteBehindCheckpoints(durable);
    await checkpoints.save('demo/enrol', checkpointOf(3));
    await checkpoints.save('demo/enrol', checkpointOf(9));
    await checkpoints.save('demo/shred', checkpointOf(4));

    expect(await checkpoints.load('demo/enrol')).toBe(checkpointOf(9));
    expect(await durable.load('demo/enrol')).toBeUndefined();

    await checkpoints.flush();
    expect(await durable.load('demo/enrol')).toBe(checkpointOf(9));
    expect(await durable.load('demo/shred')).toBe(checkpointOf(4));
  });

  it('reads what it has not saved from the durable store, and never moves one back', async () => {
    const durable = new InMemoryCheckpointStore();
    await durable.save('other/enrol', checkpointOf(50));
    const checkpoints = new WriteBehindCheckpoints(durable);
    expect(await checkpoints.load('other/enrol')).toBe(checkpointOf(50));
    await expect(checkpoints.save('other/enrol', checkpointOf(20))).rejects.toThrow(RangeError);
    await checkpoints.save('other/enrol', checkpointOf(60));
    await checkpoints.flush();
    expect(await durable.load('other/enrol')).toBe(checkpointOf(60));
  });
});

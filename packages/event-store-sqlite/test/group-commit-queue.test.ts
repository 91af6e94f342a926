import { GroupCommitQueue } from '../src/group-commit-queue';

describe('GroupCommitQueue', () => {
  it('commits requests issued in the same turn together, each with its own outcome', async () => {
    const batches: number[][] = [];
    const queue = new GroupCommitQueue<number, number>((requests) => {
      batches.push([...requests]);
      return requests.map((n) =>
        n % 2 === 0 ? { ok: true, value: n * 10 } : { ok: false, error: new Error(`odd ${n}`) },
      );
    });
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map((n) => queue.submit(n)));
    expect(batches).toEqual([[1, 2, 3, 4]]);
    expect(outcomes).toEqual([
      { status: 'rejected', reason: new Error('odd 1') },
      { status: 'fulfilled', value: 20 },
      { status: 'rejected', reason: new Error('odd 3') },
      { status: 'fulfilled', value: 40 },
    ]);
    expect(queue.stats()).toEqual({ batches: 1, requests: 4 });
  });

  it('runs a sequential caller one request per batch and splits large bursts', async () => {
    const sizes: number[] = [];
    const queue = new GroupCommitQueue<number, number>((requests) => {
      sizes.push(requests.length);
      return requests.map((n) => ({ ok: true, value: n }));
    }, 3);
    await queue.submit(1);
    await queue.submit(2);
    await Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => queue.submit(n)));
    expect(sizes).toEqual([1, 1, 3, 3, 1]);
  });

  it('fails every request of a batch whose commit throws, and keeps serving later ones', async () => {
    let fail = true;
    const queue = new GroupCommitQueue<number, number>((requests) => {
      if (fail) throw new Error('disk full');
      return requests.map((n) => ({ ok: true, value: n }));
    });
    const outcomes = await Promise.allSettled([1, 2].map((n) => queue.submit(n)));
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(queue.submit(3)).resolves.toBe(3);
    await expect(queue.drained()).resolves.toBeUndefined();
  });
});

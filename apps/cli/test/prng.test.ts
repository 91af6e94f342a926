import { Prng } from '../src/seed/prng';

describe('the seeded PRNG', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: number) => {
      const rng = new Prng(seed);
      return Array.from({ length: 5 }, () => rng.int(0, 1_000_000));
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('stays within bounds and picks by weight', () => {
    const rng = new Prng(7);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 10_000; i += 1) {
      const n = rng.int(3, 5);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(5);
      counts[
        rng.weighted([
          ['a', 9],
          ['b', 1],
        ] as const)
      ] += 1;
    }
    expect(counts.a / 10_000).toBeCloseTo(0.9, 1);
    expect(new Set(rng.sample([1, 2, 3, 4], 3)).size).toBe(3);
  });
});

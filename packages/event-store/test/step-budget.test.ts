import { StepBudget } from '../src/testing';

describe('StepBudget: how long a test waits for a child process', () => {
  const budget = () => new StepBudget({ firstMs: 120_000, multiple: 6, floorMs: 20_000, capMs: 600_000 });

  it('waits the first wait until a step was measured, then a multiple of the slowest step, within floor and cap', () => {
    const b = budget();
    expect(b.limitMs).toBe(120_000);
    b.record(1_000);
    expect(b.limitMs).toBe(20_000);
    b.record(9_000);
    b.record(2_000);
    expect(b.limitMs).toBe(54_000);
    b.record(200_000);
    expect(b.limitMs).toBe(600_000);
  });

  it('bounds a whole test by its steps at their longest waits', () => {
    expect(budget().totalMs(10, 60_000)).toBe(60_000 + 10 * 600_000);
  });
});

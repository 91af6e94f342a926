import { executiveDigest } from '../../src/intelligence/executive-digest';
import {
  accepted,
  account,
  completed,
  consent,
  coverageTarget,
  enrolled,
  given,
  on,
  outcome,
  submitted,
  used,
} from '../support/given-events';

describe('the executive digest', () => {
  const history = given([
    account('acme', '01-01', { name: 'Acme GmbH' }),
    ...enrolled('ines', 'acme', '01-01'),
    consent('ines', 'c1', ['REFERENCE_CALL'], '01-01', '07-15'),
    coverageTarget('Manufacturing', 'EMEA', 'Planner', 1, '01-01'),
    // Before the period: not counted.
    submitted('r0', '02-01', { amount: 1 }),
    completed('r0', 'ines', '02-02'),
    outcome('r0', 'WON', '02-03', 1),
    // In the period: referenced and won; referenced and lost; unreferenced won and lost twice.
    submitted('r1', '04-01', { amount: 500 }),
    accepted('r1', 'ines', '04-03'),
    completed('r1', 'ines', '04-05'),
    used('ines', 'REFERENCE_CALL', '04-05'),
    outcome('r1', 'WON', '04-20', 450),
    submitted('r2', '04-02', { amount: 300 }),
    completed('r2', 'ines', '04-06'),
    outcome('r2', 'LOST', '04-21'),
    submitted('r3', '04-02', { amount: 800 }),
    outcome('r3', 'WON', '04-22', 800),
    submitted('r4', '04-02'),
    outcome('r4', 'LOST', '04-22'),
    submitted('r5', '04-02'),
    outcome('r5', 'LOST', '04-22'),
  ]);
  const digest = executiveDigest(history, on('03-31'), on('06-30'));

  it('sums influenced pipeline and revenue of the period only', () => {
    expect(digest.influencedPipeline).toEqual({ EUR: 800 });
    expect(digest.influencedRevenue).toEqual({ EUR: 450 });
  });

  it('compares win rates with and without references', () => {
    expect(digest.winRateWithReferences).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(digest.winRateWithoutReferences).toEqual({ numerator: 1, denominator: 3, rate: 1 / 3 });
  });

  it('reports time to fulfil, coverage, consents expiring ahead and top advocates', () => {
    expect(digest.timeToFulfilHours).toEqual({ count: 1, median: 48 });
    expect(digest.coverage).toEqual({ targets: 1, met: 1 });
    expect(digest.consentsExpiringAhead).toBe(1);
    expect(digest.topAdvocates).toEqual([{ advocateId: 'ines', company: 'Acme GmbH', uses: 1 }]);
    // 91 days in four 30-day slices; the one use falls in the first.
    expect(digest.usesBySlice.map((s) => s.uses)).toEqual([1, 0, 0, 0]);
    expect(digest.assessment.elements).toHaveLength(11);
  });
});

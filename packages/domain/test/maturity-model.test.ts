import { MATURITY_ELEMENTS, MATURITY_PITFALLS, clampScore, maturityGrade, referencesNeeded } from '../src';

describe('the maturity model', () => {
  it('has the eleven elements of the seeds, each with its pitfall', () => {
    expect(MATURITY_ELEMENTS).toHaveLength(11);
    expect(MATURITY_PITFALLS.PROGRAM_PROMOTION.pitfall).toMatch(
      /^Having a launch it and forget it mentality/,
    );
    expect(MATURITY_PITFALLS.CONTENT_STRATEGY.pitfall).toBe(
      'Producing content that doesn’t get used/isn’t needed.',
    );
  });

  it('grades a score: 0.75 strong, 0.5 fair, below weak, none not measured', () => {
    expect([0.75, 0.749, 0.5, 0.499, undefined].map(maturityGrade)).toEqual([
      'STRONG',
      'FAIR',
      'FAIR',
      'WEAK',
      'NOT_MEASURED',
    ]);
    expect([clampScore(1.2), clampScore(-1), clampScore(1 / 3)]).toEqual([1, 0, 0.333]);
  });
});

describe('references a launch needs', () => {
  const rates = {
    requestsPerOpportunity: 1.5,
    advocatesPerRequest: 1,
    acceptanceRate: 0.5,
    fulfilmentRate: 0.2,
  };

  it('grosses the advocates asked for up by the acceptance rate, rounding up', () => {
    expect(referencesNeeded(10, rates)).toBe(30);
    expect(referencesNeeded(1, { ...rates, acceptanceRate: 0.4 })).toBe(4);
  });

  it('does not recruit fewer because the program failed requests (fulfilment is reported, not folded in)', () => {
    expect(referencesNeeded(10, { ...rates, fulfilmentRate: 1 })).toBe(referencesNeeded(10, rates));
  });

  it('treats an acceptance never measured as 1, and needs nothing without demand', () => {
    expect(referencesNeeded(10, { ...rates, acceptanceRate: 0 })).toBe(15);
    expect(referencesNeeded(0, rates)).toBe(0);
  });
});

import { isRetentionExpired, retentionErasureDueAt } from '../src';

const policy = { retainRetiredAdvocateDays: 730 };

describe('retention of retired advocates', () => {
  it('is due the configured number of days after retirement', () => {
    expect(retentionErasureDueAt({ status: 'RETIRED', retiredAt: '2026-01-01T00:00:00.000Z' }, policy)).toBe(
      '2028-01-01T00:00:00.000Z',
    );
  });

  it('does not apply to advocates who are not retired', () => {
    expect(retentionErasureDueAt({ status: 'ACTIVE' }, policy)).toBeUndefined();
    expect(isRetentionExpired({ status: 'ACTIVE' }, policy, '2099-01-01T00:00:00.000Z')).toBe(false);
  });

  it('has run out only once the due date is reached', () => {
    const retired = { status: 'RETIRED' as const, retiredAt: '2026-01-01T00:00:00.000Z' };
    expect(isRetentionExpired(retired, policy, '2027-12-31T23:59:59.000Z')).toBe(false);
    expect(isRetentionExpired(retired, policy, '2028-01-01T00:00:00.000Z')).toBe(true);
  });
});

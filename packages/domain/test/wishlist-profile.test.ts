import { lookAlikeScore, preferredCandidateProfile, type WishlistEntry } from '../src';

const wish = (id: string, industry: string, region: string, products: string[]): WishlistEntry => ({
  wishId: id,
  accountName: `Company ${id}`,
  industry,
  segment: 'ENTERPRISE',
  region,
  products,
  reason: 'Key logo for the vertical',
  wishedBy: 'sam-sales',
  wishedAt: '2026-11-23T09:00:00.000Z',
});

describe('the preferred candidate profile from the sales wishlist', () => {
  const profile = preferredCandidateProfile([
    wish('1', 'Banking', 'EMEA', ['Ledger']),
    wish('2', 'Banking', 'NA', ['Ledger', 'Planner']),
    wish('3', 'Retail', 'EMEA', ['Planner']),
    wish('4', 'Banking', 'EMEA', ['Ledger']),
  ]);

  it('counts how common each trait is among the wished-for accounts', () => {
    expect(profile.size).toBe(4);
    expect(profile.industries).toEqual({ Banking: 0.75, Retail: 0.25 });
    expect(profile.regions).toEqual({ EMEA: 0.75, NA: 0.25 });
    expect(profile.products).toEqual({ Ledger: 0.75, Planner: 0.5 });
  });

  it('scores a look-alike account above an unlike one', () => {
    const alike = lookAlikeScore(
      { industry: 'Banking', segment: 'ENTERPRISE', region: 'EMEA', products: ['Ledger'] },
      profile,
    );
    const unlike = lookAlikeScore(
      { industry: 'Mining', segment: 'SMB', region: 'APAC', products: ['Other'] },
      profile,
    );
    expect(alike).toBe(0.813);
    expect(unlike).toBe(0);
  });

  it('scores nothing against an empty wishlist', () => {
    const empty = preferredCandidateProfile([]);
    expect(lookAlikeScore({ industry: 'Banking', segment: 'SMB', region: 'EMEA', products: [] }, empty)).toBe(
      0,
    );
  });
});

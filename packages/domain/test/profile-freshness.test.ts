import { DEFAULT_PROGRAM_POLICIES, profileFreshness } from '../src';
import { day } from './support/builders';

// Default: due for verification after 180 days, stale after 365.
const policy = DEFAULT_PROGRAM_POLICIES.freshness;

describe('profile freshness', () => {
  it('is FRESH until due, DUE until stale, then STALE', () => {
    expect(profileFreshness({ lastVerifiedAt: day(0) }, policy, day(179))).toBe('FRESH');
    expect(profileFreshness({ lastVerifiedAt: day(0) }, policy, day(180))).toBe('DUE');
    expect(profileFreshness({ lastVerifiedAt: day(0) }, policy, day(364))).toBe('DUE');
    expect(profileFreshness({ lastVerifiedAt: day(0) }, policy, day(365))).toBe('STALE');
  });

  it('a profile never verified is STALE', () => {
    expect(profileFreshness({}, policy, day(0))).toBe('STALE');
  });

  it('an unanswered verification makes the profile STALE at once, however recent', () => {
    expect(profileFreshness({ lastVerifiedAt: day(-1), verificationLapsedAt: day(0) }, policy, day(0))).toBe(
      'STALE',
    );
  });

  it("follows the program's policy", () => {
    expect(
      profileFreshness({ lastVerifiedAt: day(0) }, { verifyEveryDays: 30, staleAfterDays: 60 }, day(45)),
    ).toBe('DUE');
  });
});

import type { WishlistEntry } from '../program/program-events';

/** How often each trait occurs among the accounts sales wished were references (0..1). */
export interface PreferredCandidateProfile {
  readonly size: number;
  readonly industries: Readonly<Record<string, number>>;
  readonly segments: Readonly<Record<string, number>>;
  readonly regions: Readonly<Record<string, number>>;
  readonly products: Readonly<Record<string, number>>;
}

/** An account as look-alike scoring sees it. */
export interface LookAlikeAccount {
  readonly industry: string;
  readonly segment: string;
  readonly region: string;
  readonly products: readonly string[];
}

function shares(values: readonly string[], size: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  for (const key of Object.keys(counts)) counts[key] = (counts[key] ?? 0) / size;
  return counts;
}

/** The common traits of the wishlist: the profile of a preferred candidate. */
export function preferredCandidateProfile(wishlist: readonly WishlistEntry[]): PreferredCandidateProfile {
  const size = wishlist.length;
  if (size === 0) return { size, industries: {}, segments: {}, regions: {}, products: {} };
  return {
    size,
    industries: shares(
      wishlist.map((w) => w.industry),
      size,
    ),
    segments: shares(
      wishlist.map((w) => w.segment),
      size,
    ),
    regions: shares(
      wishlist.map((w) => w.region),
      size,
    ),
    products: shares(
      wishlist.flatMap((w) => [...new Set(w.products)]),
      size,
    ),
  };
}

/**
 * How much an account looks like the wishlist (0..1): the average of how common its
 * industry, segment, region and best-matching product are among wished-for accounts.
 * Used to suggest where to recruit new advocates.
 */
export function lookAlikeScore(account: LookAlikeAccount, profile: PreferredCandidateProfile): number {
  if (profile.size === 0) return 0;
  const product = Math.max(0, ...account.products.map((p) => profile.products[p] ?? 0));
  const parts = [
    profile.industries[account.industry] ?? 0,
    profile.segments[account.segment] ?? 0,
    profile.regions[account.region] ?? 0,
    product,
  ];
  return Math.round((parts.reduce((a, b) => a + b, 0) / parts.length) * 1000) / 1000;
}

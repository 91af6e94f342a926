import {
  SENIORITIES,
  activeSuppressions,
  availabilityOf,
  seniorityRank,
  type ActivityKind,
  type AdvocateStatus,
  type Instant,
  type Segment,
  type Seniority,
  type UsageScope,
} from '@vouch/domain';
import type { AdvocateDirectory } from './advocate-directory';
import type { AdvocateSearchIndex, IndexedField } from './advocate-search-index';
import { connectionFrom, type Connection, type PageRequest, type PageScan } from './connection';
import { walkMerged, walkSorted } from './sorted-walk';
import { normalise, words } from './text';

/** What to look for; every list means "any of these", and all given filters must hold. */
export interface AdvocateSearchQuery {
  readonly industries?: readonly string[];
  readonly segments?: readonly Segment[];
  readonly regions?: readonly string[];
  readonly products?: readonly string[];
  readonly useCases?: readonly string[];
  readonly languages?: readonly string[];
  readonly minSeniority?: Seniority;
  /** Default CANDIDATE, ACTIVE and RESTING: people the program can still work with. */
  readonly statuses?: readonly AdvocateStatus[];
  /** Words that must all occur in the company name or topics (and titles, when allowed). */
  readonly text?: string;
  /** Only advocates who can be asked for this kind at this date (in this scope). */
  readonly availableFor?: { readonly kind: ActivityKind; readonly at: Instant; readonly scope?: UsageScope };
}

export interface AdvocateSearchOptions {
  /** Titles are personal data: only callers allowed to see them may search them. */
  readonly includeTitles: boolean;
}

const DEFAULT_STATUSES: readonly AdvocateStatus[] = ['CANDIDATE', 'ACTIVE', 'RESTING'];

// One filter: the advocate must be in at least one of the sets.
type Clause = readonly ReadonlySet<string>[];

/**
 * Advocates matching a query, ordered by advocate id, one Relay page at a time (forward or
 * backward). The smallest filter drives the scan: its postings are walked in the order the index
 * keeps, from the cursor, and the others are set lookups, so a page costs the advocates walked
 * past to fill it, not every match; availability (the expensive check) runs only on those.
 */
export function searchAdvocates(
  directory: AdvocateDirectory,
  index: AdvocateSearchIndex,
  query: AdvocateSearchQuery,
  options: AdvocateSearchOptions,
  page: PageRequest = {},
): Connection<string> {
  const { clauses, matchesAll, isAvailable } = matcherOf(directory, index, query, options);
  const sizeOf = (clause: Clause) => clause.reduce((n, set) => n + set.size, 0);
  const driver = clauses.reduce<Clause | undefined>(
    (best, clause) => (best === undefined || sizeOf(clause) < sizeOf(best) ? clause : best),
    undefined,
  );
  let scan: PageScan<string>;
  if (driver === undefined || sizeOf(driver) * 2 >= index.size) {
    // Broad query: walk every advocate in order from the cursor and stop once the page is full.
    scan = (order, range, limit) =>
      walkSorted(index.allSorted(), order, range, limit, (id) => matchesAll(id) && isAvailable(id));
  } else {
    const sorted = driver.map((set) => index.sortedPosting(set));
    const accept = (id: string) => matchesAll(id, driver) && isAvailable(id);
    scan = (order, range, limit) => walkMerged(sorted, order, range, limit, accept);
  }
  // Whether any match lies past the cursor: the walk from the cursor stops at the first.
  return connectionFrom(page, scan, (id) => id);
}

/**
 * Every advocate matching a query, ranked whole in id order: the plain path the paged search
 * must always agree with (its tests compare the two), for callers that need every match.
 */
export function everyMatchingAdvocate(
  directory: AdvocateDirectory,
  index: AdvocateSearchIndex,
  query: AdvocateSearchQuery,
  options: AdvocateSearchOptions,
): string[] {
  const { matchesAll, isAvailable } = matcherOf(directory, index, query, options);
  return [...directory.advocates.keys()].filter((id) => matchesAll(id) && isAvailable(id)).sort();
}

// The query's clauses, and the tests an advocate id must pass.
function matcherOf(
  directory: AdvocateDirectory,
  index: AdvocateSearchIndex,
  query: AdvocateSearchQuery,
  options: AdvocateSearchOptions,
) {
  const clauses = clausesOf(index, query, options);
  // Loops, not `every`/`some`: it runs for each advocate a page walks past.
  const matchesAll = (id: string, skip?: Clause): boolean => {
    for (const clause of clauses) {
      if (clause === skip) continue;
      let any = false;
      for (const set of clause) {
        if (set.has(id)) {
          any = true;
          break;
        }
      }
      if (!any) return false;
    }
    return true;
  };
  const available = query.availableFor;
  const policies = directory.program.policies;
  const isAvailable = (id: string): boolean => {
    if (!available) return true;
    const state = directory.advocate(id);
    return (
      !!state &&
      availabilityOf(
        state,
        available.kind,
        available.at,
        policies,
        available.scope,
        activeSuppressions(directory.accountOf(state) ?? {}),
      ).available
    );
  };
  return { clauses, matchesAll, isAvailable };
}

function clausesOf(
  index: AdvocateSearchIndex,
  query: AdvocateSearchQuery,
  options: AdvocateSearchOptions,
): Clause[] {
  const clauses: Clause[] = [];
  const anyOf = (field: IndexedField, values: readonly string[] | undefined) => {
    if (values && values.length > 0) clauses.push(values.map((v) => index.posting(field, normalise(v))));
  };
  anyOf('industry', query.industries);
  anyOf('segment', query.segments);
  anyOf('region', query.regions);
  anyOf('product', query.products);
  anyOf('useCase', query.useCases);
  anyOf('language', query.languages);
  if (query.minSeniority !== undefined) {
    const min = seniorityRank(query.minSeniority);
    anyOf(
      'seniority',
      SENIORITIES.filter((s) => seniorityRank(s) >= min),
    );
  }
  clauses.push((query.statuses ?? DEFAULT_STATUSES).map((s) => index.posting('status', s)));
  if (query.availableFor) clauses.push([index.posting('consentKind', query.availableFor.kind)]);
  for (const word of words(query.text ?? '')) {
    clauses.push(
      options.includeTitles
        ? [index.posting('word', word), index.posting('titleWord', word)]
        : [index.posting('word', word)],
    );
  }
  return clauses;
}

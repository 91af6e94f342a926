/** A Relay-style page: at most `first` items after the `after` cursor, in a stable order. */
export interface Connection<T> {
  readonly edges: readonly { readonly cursor: string; readonly node: T }[];
  readonly pageInfo: {
    readonly hasNextPage: boolean;
    readonly endCursor?: string;
  };
  /** How many items match in all; absent when counting would cost more than the page. */
  readonly totalCount?: number;
}

export interface PageRequest {
  /** 1..100; default 20. */
  readonly first?: number;
  readonly after?: string;
}

/** The page size a request asks for, checked against the 1..100 of the GraphQL conventions. */
export function pageSize(page: PageRequest): number {
  const first = page.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > 100) {
    throw new RangeError(`"first" must be a whole number from 1 to 100, not ${first}.`);
  }
  return first;
}

/** The opaque cursor of a sort key. */
export function encodeCursor(sortKey: string): string {
  return Buffer.from(sortKey, 'utf8').toString('base64url');
}

/** The sort key a cursor stands for. */
export function decodeCursor(cursor: string): string {
  return Buffer.from(cursor, 'base64url').toString('utf8');
}

/**
 * The first `limit` candidates by sort key after `afterKey`, without sorting every match:
 * a bounded insertion keeps the cost at O(matches × log limit), so a page of a large result
 * costs little more than the scan that found it.
 */
export function smallestAfter<T>(
  candidates: Iterable<T>,
  sortKey: (item: T) => string,
  afterKey: string | undefined,
  limit: number,
  accept: (item: T) => boolean = () => true,
): { items: { key: string; item: T }[]; scanned: number } {
  const best: { key: string; item: T }[] = [];
  let scanned = 0;
  for (const item of candidates) {
    const key = sortKey(item);
    if (afterKey !== undefined && key <= afterKey) continue;
    if (best.length === limit && key >= best[limit - 1]!.key) continue;
    scanned += 1;
    if (!accept(item)) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (best[mid]!.key < key) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, { key, item });
    if (best.length > limit) best.pop();
  }
  return { items: best, scanned };
}

/** Builds a connection from the `first + 1` smallest items (the extra one tells whether more follow). */
export function toConnection<T, N>(
  found: readonly { key: string; item: T }[],
  first: number,
  node: (item: T) => N,
  totalCount?: number,
): Connection<N> {
  const page = found.slice(0, first);
  const edges = page.map((f) => ({ cursor: encodeCursor(f.key), node: node(f.item) }));
  const last = edges[edges.length - 1];
  return {
    edges,
    pageInfo: { hasNextPage: found.length > first, ...(last ? { endCursor: last.cursor } : {}) },
    ...(totalCount !== undefined ? { totalCount } : {}),
  };
}

/** A Relay page: `first` items after `after`, or `last` items before `before`, in a stable order. */
export interface Connection<T> {
  readonly edges: readonly { readonly cursor: string; readonly node: T }[];
  readonly pageInfo: {
    readonly hasNextPage: boolean;
    readonly hasPreviousPage: boolean;
    readonly startCursor?: string;
    readonly endCursor?: string;
  };
  /** How many items match in all; absent when counting would cost more than the page. */
  readonly totalCount?: number;
}

/**
 * A page request as Relay sends it: `first` (with `after`) reads forward, `last` (with
 * `before`) reads backward; `after` and `before` may both bound the range. Neither size
 * given reads the first 20.
 */
export interface PageRequest {
  /** 1..100; default 20 when `last` is not given either. */
  readonly first?: number;
  readonly after?: string;
  /** 1..100; reads the items just before `before` (or the end). */
  readonly last?: number;
  readonly before?: string;
}

/** The page size when a request gives neither `first` nor `last`, and the largest one allowed. */
export const PAGE_SIZE = { default: 20, max: 100 } as const;

/** A page request resolved: how many, which way, and between which sort keys. */
export interface PageWindow {
  readonly size: number;
  readonly backward: boolean;
  readonly afterKey?: string;
  readonly beforeKey?: string;
}

/** The size, direction and bounds a page request asks for, checked against the GraphQL conventions. */
export function pageWindow(page: PageRequest): PageWindow {
  if (page.first !== undefined && page.last !== undefined) {
    throw new RangeError('Give "first" or "last", not both.');
  }
  const backward = page.last !== undefined;
  const size = (backward ? page.last : page.first) ?? PAGE_SIZE.default;
  if (!Number.isInteger(size) || size < 1 || size > PAGE_SIZE.max) {
    throw new RangeError(
      `"${backward ? 'last' : 'first'}" must be a whole number from 1 to ${PAGE_SIZE.max}, not ${size}.`,
    );
  }
  return {
    size,
    backward,
    ...(page.after !== undefined ? { afterKey: decodeCursor(page.after) } : {}),
    ...(page.before !== undefined ? { beforeKey: decodeCursor(page.before) } : {}),
  };
}

/** The page size a request asks for (`first`, else `last`, else the default), checked 1..100. */
export function pageSize(page: PageRequest): number {
  return pageWindow(page).size;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * The opaque cursor of a sort key: its UTF-8 bytes in base64url. Keys are ids, ASCII as a rule, and
 * a page encodes one per edge: an ASCII key is encoded here, three characters at a time, without
 * the Buffer a round through `Buffer.from(…).toString('base64url')` allocates and copies twice;
 * any other key takes that round.
 */
export function encodeCursor(sortKey: string): string {
  const length = sortKey.length;
  let cursor = '';
  let i = 0;
  for (; i + 2 < length; i += 3) {
    const a = sortKey.charCodeAt(i);
    const b = sortKey.charCodeAt(i + 1);
    const c = sortKey.charCodeAt(i + 2);
    if ((a | b | c) > 127) return Buffer.from(sortKey, 'utf8').toString('base64url');
    const bits = (a << 16) | (b << 8) | c;
    cursor +=
      BASE64URL[bits >> 18]! +
      BASE64URL[(bits >> 12) & 63]! +
      BASE64URL[(bits >> 6) & 63]! +
      BASE64URL[bits & 63]!;
  }
  if (i < length) {
    // One or two characters left: two or three base64url characters, no padding.
    const a = sortKey.charCodeAt(i);
    const b = i + 1 < length ? sortKey.charCodeAt(i + 1) : 0;
    if ((a | b) > 127) return Buffer.from(sortKey, 'utf8').toString('base64url');
    const bits = (a << 16) | (b << 8);
    cursor += BASE64URL[bits >> 18]! + BASE64URL[(bits >> 12) & 63]!;
    if (i + 1 < length) cursor += BASE64URL[(bits >> 6) & 63]!;
  }
  return cursor;
}

/** The sort key a cursor stands for. */
export function decodeCursor(cursor: string): string {
  return Buffer.from(cursor, 'base64url').toString('utf8');
}

/** Which end of the sort order a scan starts from. */
export type ScanOrder = 'ascending' | 'descending';

/** One item found by a scan, with its sort key. */
export interface Keyed<T> {
  readonly key: string;
  readonly item: T;
}

/** An interval of sort keys; a bound left out is open. */
export interface KeyRange {
  readonly lower?: string;
  /** Whether `lower` itself is in the range (else only keys above it). */
  readonly lowerInclusive?: boolean;
  readonly upper?: string;
  /** Whether `upper` itself is in the range (else only keys below it). */
  readonly upperInclusive?: boolean;
}

/** Whether a key lies below a range (so every key before it in ascending order does too). */
export function belowRange(range: KeyRange, key: string): boolean {
  return range.lower !== undefined && (range.lowerInclusive ? key < range.lower : key <= range.lower);
}

/** Whether a key lies above a range. */
export function aboveRange(range: KeyRange, key: string): boolean {
  return range.upper !== undefined && (range.upperInclusive ? key > range.upper : key >= range.upper);
}

/** Whether a key lies in a range. */
export function inRange(range: KeyRange, key: string): boolean {
  return !belowRange(range, key) && !aboveRange(range, key);
}

/**
 * Finds at most `limit` accepted items whose keys are in a range, nearest to the start of
 * `order` first. A read model answers it however is cheapest for it (a walk of a sorted
 * index, or `nearestInOrder` over a candidate set).
 */
export type PageScan<T> = (order: ScanOrder, range: KeyRange, limit: number) => Keyed<T>[];

/**
 * The `limit` accepted candidates nearest to one end of the sort order, without sorting every
 * match: a bounded insertion keeps the cost at O(matches × log limit), and `accept` (often the
 * expensive check) runs only on items that would enter the page.
 */
export function nearestInOrder<T>(
  candidates: Iterable<T>,
  sortKey: (item: T) => string,
  order: ScanOrder,
  range: KeyRange,
  limit: number,
  accept: (item: T) => boolean = () => true,
): Keyed<T>[] {
  const before = order === 'ascending' ? (a: string, b: string) => a < b : (a: string, b: string) => a > b;
  const best: Keyed<T>[] = [];
  for (const item of candidates) {
    const key = sortKey(item);
    if (!inRange(range, key)) continue;
    if (best.length === limit && !before(key, best[limit - 1]!.key)) continue;
    if (!accept(item)) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(best[mid]!.key, key)) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, { key, item });
    if (best.length > limit) best.pop();
  }
  return best;
}

/**
 * Whether any accepted candidate has its key in a range, stopping at the first: a probe for
 * `hasPreviousPage` (or `hasNextPage` reading backward) needs no order, only existence.
 */
export function anyInRange<T>(
  candidates: Iterable<T>,
  sortKey: (item: T) => string,
  range: KeyRange,
  accept: (item: T) => boolean = () => true,
): boolean {
  for (const item of candidates) if (inRange(range, sortKey(item)) && accept(item)) return true;
  return false;
}

/**
 * A Relay page from a scan, with an exact `PageInfo`: the extra item of a page tells whether
 * more follow in its direction, and one probe past the cursor tells whether any lie behind it
 * (`exists`, when the read model has a cheaper test than scanning for the nearest one).
 */
export function connectionFrom<T, N>(
  page: PageRequest,
  scan: PageScan<T>,
  node: (item: T) => N,
  totalCount?: number,
  // By default the nearest item past the cursor: a walk from the cursor stops at the first.
  exists: (range: KeyRange) => boolean = (range) =>
    scan(range.upper !== undefined ? 'descending' : 'ascending', range, 1).length > 0,
): Connection<N> {
  const { size, backward, afterKey, beforeKey } = pageWindow(page);
  const between: KeyRange = {
    ...(afterKey !== undefined ? { lower: afterKey } : {}),
    ...(beforeKey !== undefined ? { upper: beforeKey } : {}),
  };
  let found: Keyed<T>[];
  let hasNextPage: boolean;
  let hasPreviousPage: boolean;
  if (backward) {
    found = scan('descending', between, size + 1);
    hasPreviousPage = found.length > size;
    found = found.slice(0, size).reverse();
    hasNextPage = beforeKey !== undefined && exists({ lower: beforeKey, lowerInclusive: true });
  } else {
    found = scan('ascending', between, size + 1);
    hasNextPage = found.length > size;
    found = found.slice(0, size);
    hasPreviousPage = afterKey !== undefined && exists({ upper: afterKey, upperInclusive: true });
  }
  const edges = found.map((f) => ({ cursor: encodeCursor(f.key), node: node(f.item) }));
  const first = edges[0];
  const last = edges[edges.length - 1];
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      ...(first ? { startCursor: first.cursor } : {}),
      ...(last ? { endCursor: last.cursor } : {}),
    },
    ...(totalCount !== undefined ? { totalCount } : {}),
  };
}

/** A Relay page of a list held whole and in order, each item's cursor being its own stable key. */
export function connectionOfList<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  page: PageRequest,
): Connection<T> {
  const { size, backward, afterKey, beforeKey } = pageWindow(page);
  const indexOf = (name: string, key: string) => {
    const index = items.findIndex((item) => keyOf(item) === key);
    if (index < 0) throw new RangeError(`"${name}" is not a cursor of this list.`);
    return index;
  };
  // The range (after, before) as indices [start, end), then the page at its near end.
  const start = afterKey === undefined ? 0 : indexOf('after', afterKey) + 1;
  const end = Math.max(start, beforeKey === undefined ? items.length : indexOf('before', beforeKey));
  const from = backward ? Math.max(start, end - size) : start;
  const to = backward ? end : Math.min(end, start + size);
  const edges = items.slice(from, to).map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  const first = edges[0];
  const last = edges[edges.length - 1];
  return {
    edges,
    pageInfo: {
      hasNextPage: backward ? end < items.length : to < end,
      hasPreviousPage: backward ? from > start : start > 0,
      ...(first ? { startCursor: first.cursor } : {}),
      ...(last ? { endCursor: last.cursor } : {}),
    },
    totalCount: items.length,
  };
}

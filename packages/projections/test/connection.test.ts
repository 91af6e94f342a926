import fc from 'fast-check';
import {
  anyInRange,
  connectionFrom,
  connectionOfList,
  decodeCursor,
  encodeCursor,
  nearestInOrder,
  pageWindow,
  type Connection,
  type PageRequest,
} from '../src/connection';
import { walkSorted } from '../src/sorted-walk';

// A set of distinct keys, some of which a filter refuses, paged through a scan over the set.
const keySets = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 60 });

// Scanning a set with a bounded insertion, probing past the cursor for the nearest item or for
// any at all; or walking a sorted array from the cursor (as a broad advocate search does).
const PROBES = ['nearest', 'any', 'walk'] as const;

function pageOfSet(
  keys: readonly string[],
  refused: ReadonlySet<string>,
  page: PageRequest,
  probe: (typeof PROBES)[number] = 'nearest',
): Connection<string> {
  const accept = (key: string) => !refused.has(key);
  if (probe === 'walk') {
    const sorted = [...keys].sort();
    return connectionFrom(
      page,
      (order, range, limit) => walkSorted(sorted, order, range, limit, accept),
      (key) => key,
    );
  }
  return connectionFrom(
    page,
    (order, range, limit) => nearestInOrder(keys, (key) => key, order, range, limit, accept),
    (key) => key,
    undefined,
    probe === 'any' ? (range) => anyInRange(keys, (key) => key, range, accept) : undefined,
  );
}

/** Reads every page forward (first/after) and returns the items and each page's PageInfo. */
function readForward(read: (page: PageRequest) => Connection<string>, size: number) {
  const items: string[] = [];
  const infos: Connection<string>['pageInfo'][] = [];
  let after: string | undefined;
  for (;;) {
    const page = read({ first: size, ...(after !== undefined ? { after } : {}) });
    items.push(...page.edges.map((edge) => edge.node));
    infos.push(page.pageInfo);
    if (!page.pageInfo.hasNextPage) return { items, infos };
    after = page.pageInfo.endCursor;
  }
}

/** Reads every page backward (last/before) and returns the items in list order. */
function readBackward(read: (page: PageRequest) => Connection<string>, size: number) {
  const items: string[] = [];
  const infos: Connection<string>['pageInfo'][] = [];
  let before: string | undefined;
  for (;;) {
    const page = read({ last: size, ...(before !== undefined ? { before } : {}) });
    items.unshift(...page.edges.map((edge) => edge.node));
    infos.push(page.pageInfo);
    if (!page.pageInfo.hasPreviousPage) return { items, infos };
    before = page.pageInfo.startCursor;
  }
}

describe('Relay paging over a scan', () => {
  it.each(PROBES)(
    'reads every accepted item once, in order, forward and backward, with an exact PageInfo (probe: %s)',
    (probe) => {
      fc.assert(
        fc.property(keySets, fc.integer({ min: 1, max: 7 }), fc.func(fc.boolean()), (keys, size, refuse) => {
          const refused = new Set(keys.filter((key) => refuse(key)));
          const expected = keys.filter((key) => !refused.has(key)).sort();
          const read = (page: PageRequest) => pageOfSet(keys, refused, page, probe);

          const forward = readForward(read, size);
          expect(forward.items).toEqual(expected);
          // Only the first page has nothing before it (when there is anything at all).
          expect(forward.infos.map((info) => info.hasPreviousPage)).toEqual(
            forward.infos.map((_, index) => index > 0),
          );

          const backward = readBackward(read, size);
          expect(backward.items).toEqual(expected);
          expect(backward.infos.map((info) => info.hasNextPage)).toEqual(
            backward.infos.map((_, index) => index > 0),
          );
        }),
      );
    },
  );

  it.each(PROBES)('says exactly whether anything lies behind any cursor (probe: %s)', (probe) => {
    fc.assert(
      fc.property(
        keySets,
        fc.func(fc.boolean()),
        fc.string({ maxLength: 4 }),
        fc.integer({ min: 1, max: 5 }),
        (keys, refuse, cursorKey, size) => {
          const refused = new Set(keys.filter((key) => refuse(key)));
          const accepted = keys.filter((key) => !refused.has(key));
          const cursor = encodeCursor(cursorKey);
          const forward = pageOfSet(keys, refused, { first: size, after: cursor }, probe);
          expect(forward.pageInfo.hasPreviousPage).toBe(accepted.some((key) => key <= cursorKey));
          expect(forward.pageInfo.hasNextPage).toBe(accepted.filter((key) => key > cursorKey).length > size);
          const backward = pageOfSet(keys, refused, { last: size, before: cursor }, probe);
          expect(backward.pageInfo.hasNextPage).toBe(accepted.some((key) => key >= cursorKey));
          expect(backward.pageInfo.hasPreviousPage).toBe(
            accepted.filter((key) => key < cursorKey).length > size,
          );
        },
      ),
    );
  });

  it('bounds a page by both cursors, and states start and end cursors', () => {
    const keys = ['a', 'b', 'c', 'd', 'e', 'f'];
    const read = (page: PageRequest) => pageOfSet(keys, new Set(), page);
    const between = read({ first: 10, after: encodeCursor('b'), before: encodeCursor('f') });
    expect(between.edges.map((edge) => edge.node)).toEqual(['c', 'd', 'e']);
    expect(between.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: encodeCursor('c'),
      endCursor: encodeCursor('e'),
    });
    const lastTwo = read({ last: 2, before: encodeCursor('f') });
    expect(lastTwo.edges.map((edge) => edge.node)).toEqual(['d', 'e']);
    expect(lastTwo.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const empty = read({ first: 3, after: encodeCursor('f') });
    expect(empty).toEqual({ edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: true } });
  });

  it('reads the first 20 when no size is given, and refuses first with last, or sizes out of 1..100', () => {
    expect(pageWindow({})).toEqual({ size: 20, backward: false });
    expect(() => pageWindow({ first: 1, last: 1 })).toThrow(RangeError);
    for (const size of [0, 101, 1.5]) {
      expect(() => pageWindow({ first: size })).toThrow(RangeError);
      expect(() => pageWindow({ last: size })).toThrow(RangeError);
    }
  });
});

describe('Relay paging over a whole list', () => {
  it('reads every item once, in list order, forward and backward, with an exact PageInfo', () => {
    fc.assert(
      fc.property(keySets, fc.integer({ min: 1, max: 7 }), (keys, size) => {
        // List order, not key order: the list is paged as it is held.
        const read = (page: PageRequest) => connectionOfList(keys, (key) => key, page);
        const forward = readForward(read, size);
        expect(forward.items).toEqual(keys);
        expect(forward.infos.map((info) => info.hasPreviousPage)).toEqual(forward.infos.map((_, i) => i > 0));
        const backward = readBackward(read, size);
        expect(backward.items).toEqual(keys);
        expect(backward.infos.map((info) => info.hasNextPage)).toEqual(backward.infos.map((_, i) => i > 0));
      }),
    );
  });

  it('refuses a cursor that is not of the list', () => {
    expect(() => connectionOfList(['a'], (key) => key, { after: encodeCursor('zz') })).toThrow(
      '"after" is not a cursor of this list.',
    );
    expect(() => connectionOfList(['a'], (key) => key, { last: 1, before: encodeCursor('zz') })).toThrow(
      '"before" is not a cursor of this list.',
    );
  });
});

describe('cursors', () => {
  const throughBuffer = (key: string) => Buffer.from(key, 'utf8').toString('base64url');

  it('encode a key as the base64url of its UTF-8 bytes, whatever its length and characters', () => {
    for (const key of [
      '',
      'a',
      'ab',
      'abc',
      'abcd',
      'adv-0000042',
      '\u007f\u007f',
      'é',
      'aé',
      'ab\u{1f600}',
      '\ud800x',
    ])
      expect(encodeCursor(key)).toBe(throughBuffer(key));
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })),
        (key) => {
          expect(encodeCursor(key)).toBe(throughBuffer(key));
          expect(decodeCursor(encodeCursor(key))).toBe(Buffer.from(key, 'utf8').toString('utf8'));
        },
      ),
      { numRuns: 500 },
    );
  });
});

import 'reflect-metadata';
import { isDeepStrictEqual } from 'node:util';
import { IsInt, Max, MetadataStorage, Min } from 'class-validator';
import fc from 'fast-check';
import { buildApiSchema } from '../src';
import { PassedArguments } from '../src/validation/passed-arguments';
import { graphql } from './support/graphql-client';
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

class PageLike {
  first?: number | null;
  after?: string | null;
}
class FilterLike {
  industries?: string[];
  page?: PageLike;
}
// Another class of the same name: never confused with the first.
const OtherPageLike = (() => {
  class PageLike {
    first?: number | null;
  }
  return PageLike;
})();

const primitive = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom(0, -0, 1, -1, 1.5, NaN, Infinity, -Infinity, 20, 100, 101),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    primitive,
    fc.array(tie('value'), { maxLength: 3 }),
    fc
      .tuple(
        fc.constantFrom<new () => object>(PageLike, FilterLike, OtherPageLike, Object),
        fc.dictionary(fc.constantFrom('first', 'after', 'industries', 'page', 'x'), tie('value'), {
          maxKeys: 3,
        }),
      )
      .map(([Class, fields]) => Object.assign(new Class(), fields)),
  ),
}));

describe('query arguments remembered by their exact shape once they passed validation', () => {
  const passed = new PassedArguments(new MetadataStorage());

  it('never gives two different values the same shape (a hit is the same value again)', () => {
    // Every shape seen, with the value it was first seen for: a later value with that shape must equal it
    // exactly (same classes, same primitives, -0 and NaN included).
    const seen = new Map<string, unknown>();
    let collisions = 0;
    fc.assert(
      fc.property(value, (v) => {
        const shape = passed.shapeOf(v);
        if (shape === undefined) return;
        const earlier = seen.get(shape);
        if (seen.has(shape)) {
          collisions++;
          expect(isDeepStrictEqual(earlier, v)).toBe(true);
        } else seen.set(shape, v);
        // The same value built again has the same shape.
        expect(passed.shapeOf(structuredCopy(v))).toBe(shape);
      }),
      { numRuns: 3000 },
    );
    // Equal values did come up, so the comparison above ran.
    expect(collisions).toBeGreaterThan(50);
  });

  it('tells apart what a constraint may tell apart', () => {
    const shapes = [
      Object.assign(new PageLike(), { first: 0 }),
      Object.assign(new PageLike(), { first: -0 }),
      Object.assign(new PageLike(), { first: '0' }),
      Object.assign(new PageLike(), { first: null }),
      Object.assign(new PageLike(), { first: undefined }),
      Object.assign(new PageLike(), { first: 0, after: '' }),
      Object.assign(new OtherPageLike(), { first: 0 }),
      Object.assign(new FilterLike(), { industries: ['a,b'] }),
      Object.assign(new FilterLike(), { industries: ['a', 'b'] }),
      Object.assign(new FilterLike(), { industries: [['a', 'b']] }),
    ].map((v) => passed.shapeOf(v));
    expect(shapes.every((s) => s !== undefined)).toBe(true);
    expect(new Set(shapes).size).toBe(shapes.length);
  });

  it('has no shape for values that are not plain data', () => {
    const withGetter = Object.defineProperty(new PageLike(), 'first', { get: () => 1, enumerable: true });
    const hidden = Object.defineProperty(new PageLike(), 'first', { value: 1, enumerable: false });
    const withSymbol = Object.assign(new PageLike(), { [Symbol('s')]: 1 });
    const holes = [1, , 3]; // eslint-disable-line no-sparse-arrays
    const extra = Object.assign([1], { more: 2 });
    const long = Object.assign(new FilterLike(), { industries: ['x'.repeat(3000)] });
    class Day extends Date {}
    const builtIns = [
      new Date(0),
      new Day(0),
      new Map([[1, 2]]),
      /x/,
      new Uint8Array(2),
      new Number(1),
      new Error('x'),
    ];
    for (const v of [withGetter, hidden, withSymbol, holes, extra, ...builtIns, 1n, () => 1, long])
      expect(passed.shapeOf(v)).toBeUndefined();
  });

  it('forgets every pass when a constraint is registered, and starts again from none when full', () => {
    const storage = new MetadataStorage();
    const memo = new PassedArguments(storage, 2);
    memo.add('a');
    expect(memo.has('a')).toBe(true);
    class Late {
      n!: number;
    }
    Max(3)(Late.prototype, 'n'); // registers in the global storage, not this one
    expect(memo.has('a')).toBe(true);
    storage.addValidationMetadata({
      target: Late,
      propertyName: 'n',
      type: 'isInt',
      constraints: [],
    } as never);
    expect(memo.has('a')).toBe(false);
    memo.add('b');
    memo.add('c');
    memo.add('d'); // full at 2: the earlier ones are gone
    expect(memo.has('b')).toBe(false);
    expect(memo.has('d')).toBe(true);
  });
});

describe('searchAdvocates over HTTP with remembered arguments', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer();
    token = await tokenFor('acme', 'pat', ['PROGRAM_MANAGER']);
  });
  afterAll(() => server.close());

  const search = (variables: Record<string, unknown>) =>
    graphql(
      server.url,
      'query($f: AdvocateSearchInput, $first: Int) { searchAdvocates(filter: $f, first: $first) { edges { cursor } } }',
      variables,
      token,
    );

  it('refuses a bad argument every time, before and after the same classes passed with good ones', async () => {
    for (const variables of [
      { first: 0 },
      { first: 5, f: { industries: ['Retail'] } },
      { first: 5, f: { industries: ['Retail'] } },
      { first: 0, f: { industries: ['Retail'] } },
      { first: 101, f: { industries: ['Retail'] } },
      { first: 5, f: { industries: ['x'.repeat(500)] } },
      { first: 5, f: { industries: ['x'.repeat(500)] } },
    ]) {
      const { body } = await search(variables);
      const bad = variables.first !== 5 || (variables.f?.industries[0]?.length ?? 0) > 100;
      expect({ variables, code: body.errors?.[0]?.extensions?.code }).toEqual({
        variables,
        code: bad ? 'BAD_USER_INPUT' : undefined,
      });
    }
  });

  it('enforces a constraint registered after a value of that class passed', async () => {
    buildApiSchema();
    class LateArgs {
      @IsInt()
      @Min(0)
      n!: number;
    }
    const memo = new PassedArguments();
    const seven = Object.assign(new LateArgs(), { n: 7 });
    const shape = memo.shapeOf(seven)!;
    memo.add(shape);
    Max(3)(LateArgs.prototype, 'n');
    expect(memo.has(shape)).toBe(false);
  });
});

/** A copy of a value built afresh: the same classes, the same data, new objects. */
function structuredCopy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(structuredCopy);
  if (v !== null && typeof v === 'object') {
    const copy = Object.create(Object.getPrototypeOf(v) as object) as Record<string, unknown>;
    for (const [k, item] of Object.entries(v)) copy[k] = structuredCopy(item);
    return copy;
  }
  return v;
}

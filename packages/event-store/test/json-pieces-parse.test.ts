import fc from 'fast-check';
import { writeJsonPieces } from '../src/projections/json-pieces';
import { parseJsonPieces } from '../src/projections/json-pieces-parse';

// What JSON.parse of the joined text gives, or the class of what it threw.
function reference(text: string): { value?: unknown; threw?: boolean } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { threw: true };
  }
}

function parsed(pieces: string[], depth?: number): { value?: unknown; threw?: boolean } {
  try {
    return { value: parseJsonPieces(pieces, depth) };
  } catch (error) {
    // Only the parser's own refusal, never another error.
    expect(error).toBeInstanceOf(SyntaxError);
    expect((error as Error).message).toBe('The JSON text is not valid.');
    return { threw: true };
  }
}

/** Whether two parsed values are the same: Object.is for leaves (-0 is not 0), same prototypes, same own keys in order. */
function same(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b);
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keys = Reflect.ownKeys(a);
  const other = Reflect.ownKeys(b);
  if (keys.length !== other.length || keys.some((k, i) => k !== other[i])) return false;
  return keys.every((k) =>
    same((a as Record<PropertyKey, unknown>)[k], (b as Record<PropertyKey, unknown>)[k]),
  );
}

function expectSame(
  actual: { value?: unknown; threw?: boolean },
  expected: { value?: unknown; threw?: boolean },
) {
  expect(actual.threw).toBe(expected.threw);
  if (expected.threw) return;
  if (!same(actual.value, expected.value)) expect(actual.value).toStrictEqual(expected.value);
  expect(same(actual.value, expected.value)).toBe(true);
}

/** `text` cut at the given positions (sorted, duplicates giving empty pieces). */
function cut(text: string, at: number[]): string[] {
  const points = at.map((p) => p % (text.length + 1)).sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const p of points) {
    pieces.push(text.slice(from, p));
    from = p;
  }
  pieces.push(text.slice(from));
  return pieces;
}

// Strings with escapes, quotes, backslashes, control characters and lone surrogates.
const nasty = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('\\', '"', '\\"', '\\\\"', '\u2028', '\ud800', '\udc00', '😀', '\u0000', '[{]}', ',:'),
);
const { value: valueArb } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 1 }),
    nasty,
    fc.constantFrom(-0, 1e21, -1e-7, 5e-324, 1.7976931348623157e308, 0.1, true, false, null),
    fc.array(tie('value'), { maxLength: 6 }),
    fc.dictionary(
      fc.oneof(fc.string(), nasty, fc.constantFrom('__proto__', '0', '10', 'constructor')),
      tie('value'),
      {
        maxKeys: 5,
      },
    ),
  ),
}));

describe('parseJsonPieces', () => {
  it('gives JSON.parse of the joined text, cut anywhere (inside strings, numbers, surrogate pairs), any depth', () => {
    fc.assert(
      fc.property(
        valueArb,
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.integer({ min: 0, max: 6 }),
        (value, pretty, at, depth) => {
          const text = JSON.stringify(value, null, pretty ? 2 : undefined) ?? 'null';
          expectSame(parsed(cut(text, at), depth), reference(text));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('reads back the pieces writeJsonPieces wrote, at random piece sizes and depths on both sides', () => {
    fc.assert(
      fc.property(
        valueArb.filter((v) => JSON.stringify(v) !== undefined),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        (value, size, writeDepth, readDepth) => {
          const pieces: string[] = [];
          writeJsonPieces(value, size, (piece) => pieces.push(piece), writeDepth);
          expectSame(parsed(pieces, readDepth), reference(pieces.join('')));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses exactly what JSON.parse refuses: a valid text with one character changed, cut anywhere', () => {
    const alphabet = fc.constantFrom(...'[]{},:"\\ 0-1e.tfnxu'.split(''));
    fc.assert(
      fc.property(
        valueArb,
        fc.nat(),
        fc.oneof(alphabet, fc.constant('')),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.integer({ min: 0, max: 4 }),
        (value, where, replacement, insert, at, depth) => {
          const valid = JSON.stringify(value) ?? 'null';
          const p = where % (valid.length + 1);
          const text = valid.slice(0, p) + replacement + valid.slice(insert ? p : p + 1);
          expectSame(parsed(cut(text, at), depth), reference(text));
        },
      ),
      { numRuns: 4000 },
    );
  });

  it('deep nesting beyond the walked depth is parsed whole and exactly', () => {
    const deep = JSON.stringify(
      Array.from({ length: 400 }).reduce<unknown>((inner) => ({ a: [inner, '\\"]'] }), 1),
    );
    for (const size of [1, 7, 1000]) {
      const pieces = deep.match(new RegExp(`[^]{1,${size}}`, 'g'))!;
      expectSame(parsed(pieces), reference(deep));
    }
  });

  it('a "__proto__" key is an own property, as JSON.parse makes it, at every depth', () => {
    const text = '{"__proto__":{"x":1},"a":{"__proto__":[1]}}';
    for (const depth of [0, 1, 2, 3]) {
      const value = parseJsonPieces(cut(text, [5, 17]), depth) as Record<string, unknown>;
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(Object.keys(value)).toEqual(['__proto__', 'a']);
      expect(same(value, JSON.parse(text))).toBe(true);
    }
  });

  it('refuses an empty text, a truncated one and trailing content, without quoting any of it', () => {
    for (const pieces of [
      [],
      [''],
      ['{"a":'],
      ['[1,'],
      ['{"a":1}', 'x'],
      ['"secret'],
      ['[1]', ']'],
      ['tru'],
    ]) {
      expect(() => parseJsonPieces(pieces)).toThrow(new SyntaxError('The JSON text is not valid.'));
    }
  });
});

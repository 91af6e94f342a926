import fc from 'fast-check';
import { writeJsonPieces } from '../src/projections/json-pieces';

/** The pieces `writeJsonPieces` hands out for `value`. */
function piecesOf(value: unknown, size: number, depth?: number): string[] {
  const pieces: string[] = [];
  const total = writeJsonPieces(value, size, (piece) => pieces.push(piece), depth);
  expect(total).toBe(pieces.join('').length);
  return pieces;
}

// Values JSON.stringify treats specially, mixed into plain data.
const awkward = fc.oneof(
  fc.constant(undefined),
  fc.constant(() => 1),
  fc.constant(Symbol('s')),
  fc.constant(new Date(0)),
  fc.constant({ toJSON: () => undefined }),
  fc.constant({ toJSON: () => ({ swapped: true }) }),
  fc.constant(new Map([[1, 2]])),
  fc.constant(Object.assign(Object.create(null) as object, { bare: 1 })),
  fc.constant(NaN),
  fc.constant(-0),
  fc.string({ unit: 'binary' }),
);
const { value: valueArb } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 1 }),
    awkward,
    fc.array(tie('value'), { maxLength: 8 }),
    fc.dictionary(fc.string(), tie('value'), { maxKeys: 6 }),
  ),
}));

describe('writeJsonPieces', () => {
  it('the pieces join to JSON.stringify of the value, whatever the piece size and depth', () => {
    fc.assert(
      fc.property(
        valueArb.filter((v) => JSON.stringify(v) !== undefined),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 0, max: 6 }),
        (value, size, depth) => {
          expect(piecesOf(value, size, depth).join('')).toBe(JSON.stringify(value));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a piece ends as soon as it reaches the size: none longer than the size plus one value', () => {
    const rows = Array.from({ length: 500 }, (_, i) => [`id-${i}`, { n: i, name: 'x'.repeat(i % 40) }]);
    const value = { directory: { advocates: rows }, count: 500 };
    const pieces = piecesOf(value, 256);
    expect(pieces.join('')).toBe(JSON.stringify(value));
    const longestRow = Math.max(...rows.map((r) => JSON.stringify(r).length));
    for (const piece of pieces) expect(piece.length).toBeLessThan(256 + longestRow + 1);
    expect(pieces.length).toBeGreaterThan(JSON.stringify(value).length / (256 + longestRow + 1));
  });

  it('a surrogate pair is never split between two pieces', () => {
    const value = { list: Array.from({ length: 200 }, (_, i) => `😀${'a'.repeat(i % 3)}😀`) };
    for (const piece of piecesOf(value, 5, 2)) {
      const last = piece.charCodeAt(piece.length - 1);
      expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
    }
  });

  it('refuses a value with no JSON text, as JSON.stringify answers undefined for it', () => {
    expect(() => writeJsonPieces(undefined, 10, () => undefined)).toThrow(TypeError);
    expect(() =>
      writeJsonPieces(
        () => 1,
        10,
        () => undefined,
      ),
    ).toThrow(TypeError);
  });

  it('a cycle is refused as JSON.stringify refuses it, below the walked depth too', () => {
    const cyclic: { self?: unknown; list: unknown[] } = { list: [] };
    cyclic.list.push({ back: cyclic });
    expect(() => writeJsonPieces(cyclic, 10, () => undefined)).toThrow(TypeError);
  });
});

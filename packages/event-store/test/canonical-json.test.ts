import fc from 'fast-check';
import { canonicalJson } from '@vouch/event-store';

describe('canonicalJson (RFC 8785)', () => {
  it('matches the RFC 8785 §3.2.2 example', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    ) as unknown;
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts members by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const keys = Object.keys(JSON.parse(canonicalJson(input)) as object);
    // Integer-like keys are reordered by JS objects; compare the text instead.
    expect(canonicalJson(input).match(/"[^"]*":/g)).toEqual([
      '"\\r":',
      '"1":',
      '"\u0080":',
      '"\u00f6":',
      '"\u20ac":',
      '"\ud83d\ude00":',
      '"\ufb33":',
    ]);
    expect(keys).toHaveLength(7);
  });

  it('is independent of member order and leaves out undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null }, z: undefined })).toBe(
      '{"a":{"c":null,"d":[1,"x"]},"b":1}',
    );
    expect(canonicalJson({ a: -0 })).toBe('{"a":0}');
  });

  it.each([
    ['NaN', NaN],
    ['Infinity', { a: Infinity }],
    ['a bigint', 1n],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
    ['undefined in an array', [undefined]],
    ['a function', { f: () => 1 }],
  ])('refuses %s', (_, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });
});

describe('canonicalJson against the straightforward encoding (property)', () => {
  // The encoding as first written (filter, sort with a comparator, map, join), kept as the
  // reference the loop-based one must equal on every JSON value.
  function reference(value: unknown): string {
    if (typeof value === 'string') return JSON.stringify(value);
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (typeof value === 'number') return Object.is(value, -0) ? '0' : String(value);
    if (value === null) return 'null';
    if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((key) => `${JSON.stringify(key)}:${reference(record[key])}`);
    return `{${members.join(',')}}`;
  }

  const value = fc.letrec((tie) => ({
    any: fc.oneof(
      { depthSize: 'small' },
      fc.string({ unit: 'binary' }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('any')),
      // Keys of every kind (integer-like, surrogates), members left undefined now and then.
      fc.dictionary(fc.string({ unit: 'binary' }), fc.option(tie('any'), { nil: undefined })),
    ),
  })).any;

  it('gives the same text for every JSON value', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
      }),
      { numRuns: 2000 },
    );
  });

  // Arbitrary UTF-16 code units, lone surrogates and control characters among them: the
  // strings JSON.stringify escapes, which the quick quoting must hand over to it.
  const codeUnits = fc.string({
    unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  });
  const withCodeUnits = fc.dictionary(codeUnits, fc.oneof(codeUnits, fc.array(codeUnits)));

  it('escapes strings and member names of any code units as JSON.stringify does', () => {
    fc.assert(
      fc.property(withCodeUnits, (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
      }),
      { numRuns: 2000 },
    );
    expect(canonicalJson({ '\ud800': '\udfff' })).toBe('{"\\ud800":"\\udfff"}');
  });
});

import fc from 'fast-check';
import { instantMillis } from '../src/shared/instant-millis';
import { toMillis } from '../src/shared/time';

// NaN equals NaN here: both refuse the same texts.
const same = (text: string) => {
  expect(Object.is(instantMillis(text), Date.parse(text))).toBe(true);
  // The domain's one way from an instant to milliseconds is this parser.
  expect(Object.is(toMillis(text), Date.parse(text))).toBe(true);
};

describe('instantMillis', () => {
  it('is Date.parse for every canonical instant, year 0 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62167219200000, max: 253402300799999 }), (ms) => {
        const text = new Date(ms).toISOString();
        same(text);
        expect(instantMillis(text)).toBe(ms);
      }),
      { numRuns: 2000 },
    );
  });

  it('is Date.parse for canonical-shaped texts with any digits or any character in any place', () => {
    const digits = fc.array(fc.constantFrom(...'0123456789'), { minLength: 17, maxLength: 17 });
    const shaped = digits.map(
      (d) =>
        `${d.slice(0, 4).join('')}-${d.slice(4, 6).join('')}-${d.slice(6, 8).join('')}T` +
        `${d.slice(8, 10).join('')}:${d.slice(10, 12).join('')}:${d.slice(12, 14).join('')}.${d.slice(14).join('')}Z`,
    );
    // Out-of-range fields Date.parse still accepts (Feb 31, 24:00) or refuses (month 13, 60 s).
    fc.assert(fc.property(shaped, same), { numRuns: 3000 });
    const damaged = fc
      .tuple(
        fc.integer({ min: 0, max: 253402300799999 }),
        fc.nat({ max: 23 }),
        fc.constantFrom(...'0123456789-:.TZ :/a+\u0660'),
      )
      .map(([ms, at, c]) => {
        const text = new Date(ms).toISOString();
        return text.slice(0, at) + c + text.slice(at + 1);
      });
    fc.assert(fc.property(damaged, same), { numRuns: 3000 });
    fc.assert(fc.property(fc.string({ maxLength: 30 }), same), { numRuns: 1000 });
  });

  it('is Date.parse for the edge cases named', () => {
    for (const text of [
      '2026-02-28T23:59:59.999Z',
      '2026-02-29T00:00:00.000Z',
      '2026-02-31T00:00:00.000Z',
      '2026-13-01T00:00:00.000Z',
      '2026-00-10T00:00:00.000Z',
      '2026-01-00T00:00:00.000Z',
      '2026-01-01T24:00:00.000Z',
      '2026-01-01T24:30:00.000Z',
      '2026-01-01T24:00:00.001Z',
      '2026-01-01T23:60:00.000Z',
      '0099-01-01T00:00:00.000Z',
      '0100-01-01T00:00:00.000Z',
      '2026-0:-01T00:00:00.000Z',
      '2026-01-01T00:00:00.000+01:00',
      '2026-01-01',
      '',
    ])
      same(text);
  });
});

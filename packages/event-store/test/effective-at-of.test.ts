import fc from 'fast-check';
import { canonicalJson } from '../src';
import { effectiveAtOf } from '../src/effective-at-of';

// What a replay would have read from the metadata text before: the whole object parsed.
const parsedEffectiveAt = (text: string): unknown =>
  (JSON.parse(text) as { effectiveAt?: unknown }).effectiveAt;

// Strings that look like the member the scanner looks for, or like the brackets it counts.
const tricky = fc.constantFrom(
  '"effectiveAt":"1999-01-01T00:00:00.000Z"',
  ',"effectiveAt":"x"',
  '{"effectiveAt":"y"}',
  'effectiveAt',
  '\\',
  '\\"',
  '"',
  '{',
  '}',
  '[',
  ']',
  ':',
  ',',
);
const text = fc.oneof(
  fc.string({ maxLength: 8 }),
  tricky,
  fc.array(tricky, { maxLength: 4 }).map((p) => p.join('')),
);
const instant = fc
  .date({
    min: new Date('1970-01-01T00:00:00.000Z'),
    max: new Date('2100-01-01T00:00:00.000Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString());
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  any: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('any'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(text, fc.constant('effectiveAt')), tie('any'), { maxKeys: 3 }),
  ),
})).any;
// Metadata as the product writes it, with hostile values where a caller's text goes.
const metadata = fc.record(
  {
    actor: fc.record({ userId: text, roles: fc.array(text, { maxLength: 2 }) }),
    causationId: text,
    commandId: text,
    commandFingerprint: fc.constant(`hmac-sha256:${'ab'.repeat(32)}`),
    correlationId: text,
    effectiveAt: fc.oneof({ weight: 4, arbitrary: instant }, { weight: 1, arbitrary: value }),
    tenantId: text,
    extra: value,
  },
  { requiredKeys: ['actor', 'commandId', 'tenantId'] },
);

describe('effectiveAtOf: the metadata text read for effectiveAt alone', () => {
  it('answers, for the metadata the product writes, what parsing the whole text gives (property)', () => {
    let answered = 0;
    fc.assert(
      fc.property(metadata, (m) => {
        const stored = canonicalJson(m);
        const answer = effectiveAtOf(stored);
        if (answer !== undefined) {
          answered += 1;
          expect(answer).toBe(parsedEffectiveAt(stored));
        } else {
          // The product's keys need no escapes: a string written without escapes is always read in place.
          expect(typeof m.effectiveAt === 'string' && !JSON.stringify(m.effectiveAt).includes('\\')).toBe(
            false,
          );
        }
      }),
      { numRuns: 2000 },
    );
    expect(answered).toBeGreaterThan(1000);
  });

  it('never answers other than JSON.parse for any JSON object text, spaced or escaped (property)', () => {
    const spaced = fc.tuple(
      fc.dictionary(fc.oneof(text, fc.constant('effectiveAt')), value, { maxKeys: 5 }),
      fc.constantFrom(undefined, 1, '\t'),
    );
    fc.assert(
      fc.property(spaced, ([object, indent]) => {
        for (const stored of [JSON.stringify(object, null, indent), canonicalJson(object)]) {
          const answer = effectiveAtOf(stored);
          if (answer !== undefined) expect(answer).toBe(parsedEffectiveAt(stored));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves to a parse what it cannot tell: a member twice, an escaped key, an escaped value, no string', () => {
    expect(effectiveAtOf('{"effectiveAt":"A","effectiveAt":"B"}')).toBeUndefined(); // JSON.parse keeps B
    expect(effectiveAtOf('{"effectiveAt":"A","effective\\u0041t":"B"}')).toBeUndefined();
    expect(effectiveAtOf('{"effectiveAt":"A\\"B"}')).toBeUndefined();
    expect(effectiveAtOf('{"effectiveAt":1}')).toBeUndefined();
    expect(effectiveAtOf('{"effectiveAt" : "A"}')).toBeUndefined();
    expect(effectiveAtOf('{"a":{"effectiveAt":"nested"}}')).toBeUndefined();
    expect(effectiveAtOf('{"a":"\\",\\"effectiveAt\\":\\"inside a string"}')).toBeUndefined();
    expect(effectiveAtOf('{"a":{"effectiveAt":"nested"},"effectiveAt":"top"}')).toBe('top');
    expect(effectiveAtOf('["effectiveAt","x"]')).toBeUndefined();
  });
});

import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { openPersonalData, sealPersonalData } from '@vouch/event-store';

describe('personal data cipher', () => {
  const key = randomBytes(32);
  const binding = { tenantId: 't', streamId: 'advocate-1', eventId: 'e1' };
  const values = { profile: { name: 'Ada Lovelace', email: 'ada@example.com' } };

  it('round-trips and leaves no plaintext in the sealed form', () => {
    const sealed = sealPersonalData(key, binding, 'adv-1', values);
    expect(JSON.stringify(sealed)).not.toMatch(/Ada|example/);
    expect(sealed.fields).toEqual(['profile']);
    expect(openPersonalData(key, binding, sealed)).toEqual(values);
  });

  it.each([
    ['another tenant', { ...binding, tenantId: 'u' }],
    ['another stream', { ...binding, streamId: 'advocate-2' }],
    ['another event', { ...binding, eventId: 'e2' }],
  ])('refuses to decrypt under %s', (_, other) => {
    const sealed = sealPersonalData(key, binding, 'adv-1', values);
    expect(() => openPersonalData(key, other, sealed)).toThrow();
  });

  it('refuses another key, another subject and a changed ciphertext', () => {
    const sealed = sealPersonalData(key, binding, 'adv-1', values);
    expect(() => openPersonalData(randomBytes(32), binding, sealed)).toThrow();
    expect(() => openPersonalData(key, binding, { ...sealed, subjectId: 'adv-2' })).toThrow();
    const bytes = Buffer.from(sealed.ciphertext, 'base64');
    bytes[0]! ^= 1;
    expect(() =>
      openPersonalData(key, binding, { ...sealed, ciphertext: bytes.toString('base64') }),
    ).toThrow();
  });

  it('opens to the values sealed, for any JSON values and any text (multi-byte, surrogates, controls)', () => {
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }));
    fc.assert(
      fc.property(
        fc.dictionary(text, fc.oneof(text, fc.jsonValue({ maxDepth: 2 })), { minKeys: 1, maxKeys: 4 }),
        (sealedValues) => {
          const sealed = sealPersonalData(key, binding, 'adv-1', sealedValues);
          expect(openPersonalData(key, binding, sealed)).toEqual(JSON.parse(JSON.stringify(sealedValues)));
        },
      ),
      { numRuns: 300 },
    );
  });
});

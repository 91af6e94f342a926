import fc from 'fast-check';
import { canonicalJson } from '../src/integrity/canonical-json';
import { sealBinding } from '../src/personal-data/vault-subject-keys';

// A seal's AAD is written out by hand for speed; it must stay byte for byte the canonical
// JSON it was before, or every contact sealed in a saved snapshot would no longer open.
describe('the AAD of a seal', () => {
  it('is the canonical JSON of its purpose, tenant, subject and context, for any strings', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary' }),
        (tenantId, subjectId, purpose) => {
          const expected = canonicalJson({
            purpose: 'vouch.subject-seal.v1',
            tenantId,
            subjectId,
            context: purpose,
          });
          expect(sealBinding(tenantId, subjectId, purpose).equals(Buffer.from(expected, 'utf8'))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('escapes quotes and control characters as JSON does', () => {
    const binding = sealBinding('t"1', 'adv\n2', 'contact\\');
    expect(JSON.parse(binding.toString('utf8'))).toEqual({
      context: 'contact\\',
      purpose: 'vouch.subject-seal.v1',
      subjectId: 'adv\n2',
      tenantId: 't"1',
    });
  });
});

import fc from 'fast-check';
import { canonicalJson } from '@vouch/event-store';
import { associatedData } from '../src/personal-data/associated-data';

// Every sealed event already stored was bound to the generic canonical text: the written-out
// form must be byte for byte the same, or no stored personal data would decrypt again.
describe('associated data of sealed personal fields', () => {
  const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }));

  it('is the RFC 8785 text of the binding, for any strings (quotes, controls, lone surrogates)', () => {
    fc.assert(
      fc.property(
        text,
        text,
        text,
        text,
        fc.array(text, { maxLength: 4 }),
        (tenantId, streamId, eventId, subjectId, fields) => {
          const generic = canonicalJson({
            purpose: 'vouch.personal-data.v1',
            tenantId,
            streamId,
            eventId,
            subjectId,
            fields,
          });
          expect(associatedData({ tenantId, streamId, eventId }, subjectId, fields).toString('utf8')).toBe(
            generic,
          );
          expect(associatedData({ tenantId, streamId, eventId }, subjectId, fields)).toEqual(
            Buffer.from(generic, 'utf8'),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('binds a damaged field list (not all strings) as the generic canonical text, or refuses it alike', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }), (fields) => {
        const binding = { tenantId: 't', streamId: 's', eventId: 'e' };
        let generic: string | Error;
        try {
          generic = canonicalJson({ purpose: 'vouch.personal-data.v1', ...binding, subjectId: 'x', fields });
        } catch (error) {
          generic = error as Error;
        }
        if (generic instanceof Error) {
          expect(() => associatedData(binding, 'x', fields as string[])).toThrow();
        } else {
          expect(associatedData(binding, 'x', fields as string[]).toString('utf8')).toBe(generic);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is the text sealed events were bound to before it was written out', () => {
    expect(
      associatedData({ tenantId: 't', streamId: 'advocate-1', eventId: 'e1' }, 'adv-1', [
        'profile.name',
      ]).toString(),
    ).toBe(
      '{"eventId":"e1","fields":["profile.name"],"purpose":"vouch.personal-data.v1","streamId":"advocate-1","subjectId":"adv-1","tenantId":"t"}',
    );
  });
});

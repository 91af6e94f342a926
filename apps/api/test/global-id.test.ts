import fc from 'fast-check';
import { fromGlobalId, NODE_TYPES, toGlobalId } from '../src/schema/node/global-id';

describe('global ids', () => {
  it('decode to the type and domain id they were made from, colons and all', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NODE_TYPES),
        fc.string({ minLength: 1, maxLength: 128 }),
        (type, domainId) => {
          expect(fromGlobalId(toGlobalId(type, domainId))).toEqual({ type, domainId });
        },
      ),
    );
    expect(fromGlobalId(toGlobalId('Advocate', 'a:b'))).toEqual({ type: 'Advocate', domainId: 'a:b' });
  });

  it('are opaque: no type name or id shows in them', () => {
    const id = toGlobalId('Advocate', 'ines');
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(id).not.toContain('Advocate');
    expect(id).not.toContain('ines');
  });

  it.each([
    ['a bare domain id', 'ines'],
    ['an unknown type', Buffer.from('Invoice:1').toString('base64url')],
    ['no domain id', Buffer.from('Advocate:').toString('base64url')],
    ['no type', Buffer.from(':ines').toString('base64url')],
    ['padding (not the canonical encoding)', `${toGlobalId('Advocate', 'in')}==`],
    ['standard base64 characters', Buffer.from('Advocate:in?>').toString('base64')],
    ['nothing', ''],
    ['too long', 'A'.repeat(701)],
  ])('refuse %s', (_what, globalId) => {
    expect(fromGlobalId(globalId)).toBeUndefined();
  });
});

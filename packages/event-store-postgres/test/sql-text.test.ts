import fc from 'fast-check';
import { fromSqlText, toSqlText } from '../src/database/sql-text';

describe('ids as PostgreSQL text', () => {
  it('leaves ids without NUL or backslash unchanged', () => {
    expect(toSqlText('tenant-a/advocate:1')).toBe('tenant-a/advocate:1');
  });

  it('stores NUL and backslash without NUL, and reads back exactly what was given', () => {
    expect(toSqlText('a\u0000b')).toBe('a\\0b');
    expect(toSqlText('a\\0b')).toBe('a\\\\0b');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (id) => {
        const stored = toSqlText(id);
        expect(stored.includes('\u0000')).toBe(false);
        expect(fromSqlText(stored)).toBe(id);
      }),
    );
  });

  it('keeps distinct ids distinct', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        fc.pre(a !== b);
        expect(toSqlText(a)).not.toBe(toSqlText(b));
      }),
    );
  });
});

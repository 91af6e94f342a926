import fc from 'fast-check';
import { putFields, putFieldsInPlace, takeFields } from '../src/personal-data/field-paths';

describe('personal field paths', () => {
  it('takes present dotted paths off a copy and puts them back', () => {
    const data = { id: 'a', profile: { name: 'Ada', title: 'CTO' }, reason: 'moved' };
    const { rest, taken } = takeFields(data, ['profile.name', 'reason', 'missing.path', 'profile.phone']);
    expect(taken).toEqual({ 'profile.name': 'Ada', reason: 'moved' });
    expect(rest).toEqual({ id: 'a', profile: { title: 'CTO' } });
    expect(data.profile.name).toBe('Ada');
    expect(putFields(rest, taken)).toEqual(data);
  });

  it('creates missing parents when putting a value back', () => {
    expect(putFields({}, { 'a.b': 1 })).toEqual({ a: { b: 1 } });
  });

  it('leaves the object it puts into unchanged, nested parents included, and copies only the paths', () => {
    const rest = { id: 'a', profile: { title: 'CTO' }, tags: ['x'], other: { deep: { n: 1 } } };
    const before = structuredClone(rest);
    const put = putFields(rest, {
      'profile.name': 'Ada',
      'profile.email': 'ada@example.com',
      reason: 'moved',
    });
    expect(put).toEqual({
      id: 'a',
      profile: { title: 'CTO', name: 'Ada', email: 'ada@example.com' },
      tags: ['x'],
      other: { deep: { n: 1 } },
      reason: 'moved',
    });
    expect(rest).toEqual(before);
    expect(put.profile).not.toBe(rest.profile);
    // Untouched branches are shared, not cloned.
    expect(put.other).toBe(rest.other);
  });

  it('puts in place exactly what putFields puts into a copy, members in the same order', () => {
    const key = fc.constantFrom('a', 'b', 'name', '0', '1', 'x y');
    const path = fc.array(key, { minLength: 1, maxLength: 3 }).map((keys) => keys.join('.'));
    fc.assert(
      fc.property(
        fc.dictionary(
          key,
          fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.dictionary(key, fc.jsonValue({ maxDepth: 1 }))),
        ),
        fc.dictionary(path, fc.jsonValue({ maxDepth: 2 })),
        (data, values) => {
          const expected = putFields(data, values);
          const target = structuredClone(data);
          const put = putFieldsInPlace(target, values);
          expect(put).toBe(target);
          expect(JSON.stringify(put)).toBe(JSON.stringify(expected));
        },
      ),
      { numRuns: 500 },
    );
  });
});

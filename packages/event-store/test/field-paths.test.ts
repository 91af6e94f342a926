import { putFields, takeFields } from '../src/personal-data/field-paths';

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
});

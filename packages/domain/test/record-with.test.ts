import { setFlagsFromString } from 'node:v8';
import { advocateDecider, type AdvocateState } from '../src';
import { recordWith } from '../src/shared/record-with';
import { activeAdvocate, consentGranted } from './support/builders';

// V8's own answer to "do these two objects share a hidden class?" (compiled after the flag is set).
setFlagsFromString('--allow-natives-syntax');
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

/** An object as a request builds one: `{}`, then a key no state uses. */
function requestShaped(value: number): Record<string, number> {
  const o: Record<string, number> = {};
  o.heap21RequestScopedKey = value;
  return o;
}

describe('records keyed by data (issue 15, heap21)', () => {
  it("a read model's states keyed by 3,000 consent ids leave `{}`'s hidden classes shared by what comes after", () => {
    const { evolve, initialState } = advocateDecider;
    const enrolled = activeAdvocate().reduce(evolve, initialState);
    // Kept alive, as a caught-up read model keeps them: each advocate's consents start with its own id.
    const states: AdvocateState[] = [];
    for (let i = 0; i < 3000; i++)
      states.push(evolve(enrolled, consentGranted({ consentId: `consent-${i}` })));
    expect(Object.keys(states[2999]!.consents)).toEqual(['consent-2999']);
    // Before: `{}`'s 1,536 transitions were full of consent ids, so every new shape got a map of its own.
    expect(haveSameMap(requestShaped(1), requestShaped(2))).toBe(true);
  });

  it('reads, enumerates and serializes like the spread it replaces, and leaves its input alone', () => {
    const before = { b: 1, a: 2 };
    const next = recordWith(before, 'c', 3);
    expect(before).toEqual({ b: 1, a: 2 });
    expect(Object.keys(next)).toEqual(['b', 'a', 'c']);
    expect(JSON.stringify(next)).toBe(JSON.stringify({ ...before, c: 3 }));
    expect(next.c).toBe(3);
    expect('a' in next).toBe(true);
    expect(recordWith(next, 'a', 9)).toEqual({ b: 1, a: 9, c: 3 });
    expect(recordWith(undefined, 'x', 1)).toEqual({ x: 1 });
    // No prototype: a key such as `constructor` or `__proto__` is only ever data.
    expect(recordWith({}, '__proto__', 1)['__proto__']).toBe(1);
    expect(recordWith({}, 'k', 1).constructor).toBeUndefined();
  });
});

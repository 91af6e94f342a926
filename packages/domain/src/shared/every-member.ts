/**
 * `T` with every optional member named (its value may be `undefined`): the type of a state written
 * out member by member. On Node 20 (V8 11.3) a spread that adds a member its source lacks —
 * `{ ...state, restingUntil }` on a state without `restingUntil` — takes a slow path (≈ 1 µs), and
 * once optimized it gives every object it builds a hidden class of its own, so each later read of
 * such a state misses its inline cache. A state that already has every member is only ever
 * overridden by a spread: ≈ 30 ns, and all states share one hidden class.
 */
// `keyof Required<T>`, not `keyof T` with `-?`: that would also strip `undefined` from the values.
export type EveryMember<T> = { readonly [K in keyof Required<T>]: T[K] | undefined };

/**
 * `T` with every optional member named (its value may be `undefined`): the type of a state written
 * out member by member. On Node 20 (V8 11.3) a spread that adds a member its source lacks —
 * `{ ...state, restingUntil }` on a state without `restingUntil` — takes a slow path (≈ 1 µs), and
 * once optimized it gives every object it builds a hidden class of its own (and so does every later
 * spread of such a state). A state that already has every member is only ever overridden.
 */
// `keyof Required<T>` lists the optional members too; `T[K]` of an optional one admits `undefined`.
export type EveryMember<T> = { readonly [K in keyof Required<T>]: T[K] };

/**
 * `record` (none: an empty one) with `key` set to `value`, as a new record with no prototype — for records keyed by data (consent,
 * engagement, escalation ids …), in place of `{ ...record, [key]: value }`.
 *
 * Why: V8 gives a plain object a hidden class per sequence of keys, and every first key added to a `{}` becomes
 * a transition of the one map all `{}`s start from. That map holds at most 1,536 transitions; once the read
 * models' states (one consent id per advocate) fill it, every object that later starts from `{}` with a key not
 * already there — Node's `nextTick` records, Apollo's request context, the API's own context — gets a fresh map
 * and descriptors in the old generation, per object (issue 15, heap21: ≈ 64 maps and 8 KB promoted per request at
 * 10k advocates). An object without a prototype is a dictionary from the start and adds no transition anywhere.
 * It reads, enumerates and serializes like the plain record (same keys, same order, same JSON).
 */
export function recordWith<V>(
  record: Readonly<Record<string, V>> | undefined,
  key: string,
  value: V,
): Record<string, V> {
  const next = Object.assign(Object.create(null) as Record<string, V>, record);
  next[key] = value;
  return next;
}

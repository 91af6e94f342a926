import { aboveRange, belowRange, type KeyRange, type Keyed, type ScanOrder } from './connection';

/**
 * Up to `limit` accepted keys of a sorted array in a range, nearest to the start of `order`
 * first: the range is one interval of the array, so the walk starts at its edge (found by
 * binary search) and stops once it has enough.
 */
export function walkSorted(
  sorted: readonly string[],
  order: ScanOrder,
  range: KeyRange,
  limit: number,
  accept: (id: string) => boolean,
): Keyed<string>[] {
  const found: Keyed<string>[] = [];
  const ascending = order === 'ascending';
  // The first index not below the range, or the last one not above it.
  let i = ascending
    ? firstIndexWhere(sorted, (id) => !belowRange(range, id))
    : firstIndexWhere(sorted, (id) => aboveRange(range, id)) - 1;
  for (; i >= 0 && i < sorted.length && found.length < limit; i += ascending ? 1 : -1) {
    const id = sorted[i]!;
    if (ascending ? aboveRange(range, id) : belowRange(range, id)) break;
    if (accept(id)) found.push({ key: id, item: id });
  }
  return found;
}

/**
 * `walkSorted` over the union of several ascending arrays (each id taken once): a merge that
 * starts at the range's edge in every array, so a page costs its size times the arrays, not
 * the size of the union.
 */
export function walkMerged(
  arrays: readonly (readonly string[])[],
  order: ScanOrder,
  range: KeyRange,
  limit: number,
  accept: (id: string) => boolean,
): Keyed<string>[] {
  if (arrays.length === 1) return walkSorted(arrays[0]!, order, range, limit, accept);
  const ascending = order === 'ascending';
  const step = ascending ? 1 : -1;
  const at = arrays.map((sorted) =>
    ascending
      ? firstIndexWhere(sorted, (id) => !belowRange(range, id))
      : firstIndexWhere(sorted, (id) => aboveRange(range, id)) - 1,
  );
  const found: Keyed<string>[] = [];
  while (found.length < limit) {
    // The nearest head among the arrays still inside the range.
    let next: string | undefined;
    for (let k = 0; k < arrays.length; k++) {
      const id = arrays[k]![at[k]!];
      if (id === undefined || (ascending ? aboveRange(range, id) : belowRange(range, id))) continue;
      if (next === undefined || (ascending ? id < next : id > next)) next = id;
    }
    if (next === undefined) break;
    // Every array at that id moves past it, so the union takes it once.
    for (let k = 0; k < arrays.length; k++) if (arrays[k]![at[k]!] === next) at[k] = at[k]! + step;
    if (accept(next)) found.push({ key: next, item: next });
  }
  return found;
}

// The first index at which a predicate that is false and then true over a sorted array turns true.
function firstIndexWhere(sorted: readonly string[], predicate: (id: string) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (predicate(sorted[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

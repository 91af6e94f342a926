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

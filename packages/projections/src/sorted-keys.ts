/** The index of the first key not below `key` in an ascending array (binary search). */
export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Puts `key` into its place in an ascending array, once. */
export function insertSorted(sorted: string[], key: string): void {
  const at = lowerBound(sorted, key);
  if (sorted[at] !== key) sorted.splice(at, 0, key);
}

/** Takes `key` out of an ascending array, if it is there. */
export function removeSorted(sorted: string[], key: string): void {
  const at = lowerBound(sorted, key);
  if (sorted[at] === key) sorted.splice(at, 1);
}

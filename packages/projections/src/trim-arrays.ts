/**
 * Replaces every array property of `record` that holds elements by an exact-size copy.
 * An array grown by `push` keeps room for ≈ 16 more elements (V8 grows a backing store by
 * half plus 16), which a fold leaves behind in every per-subject list: at 100k advocates that
 * is tens of MB of empty slots. Call it where nothing else holds the arrays (the end of a
 * catch-up); a later push grows the copy again as needed.
 */
export function trimArraysOf(record: object): void {
  const fields = record as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (Array.isArray(value) && value.length > 0) fields[key] = value.slice();
  }
}

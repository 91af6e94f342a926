type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Splits a JSON object's dotted paths off it: returns the values found at `paths` (absent
 * paths are skipped) and a copy of `data` without them. `data` itself is not changed.
 */
export function takeFields(
  data: JsonObject,
  paths: readonly string[],
): { rest: JsonObject; taken: Record<string, unknown> } {
  const rest = structuredClone(data);
  const taken: Record<string, unknown> = {};
  for (const path of paths) {
    const keys = path.split('.');
    const last = keys.pop()!;
    let parent: unknown = rest;
    for (const key of keys) parent = isObject(parent) ? parent[key] : undefined;
    if (
      isObject(parent) &&
      Object.prototype.hasOwnProperty.call(parent, last) &&
      parent[last] !== undefined
    ) {
      taken[path] = parent[last];
      delete parent[last];
    }
  }
  return { rest, taken };
}

/** Writes values back at their dotted paths (into a copy), creating missing parents. */
export function putFields(data: JsonObject, values: Readonly<Record<string, unknown>>): JsonObject {
  const result = structuredClone(data);
  for (const [path, value] of Object.entries(values)) {
    const keys = path.split('.');
    const last = keys.pop()!;
    let parent: JsonObject = result;
    for (const key of keys) {
      const next = parent[key];
      if (!isObject(next)) parent[key] = {};
      parent = parent[key] as JsonObject;
    }
    parent[last] = value;
  }
  return result;
}

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

/**
 * Writes values back at their dotted paths into a copy, creating missing parents. Only the
 * objects on the paths are copied (shallowly); untouched branches are shared with `data`,
 * which itself is not changed. (A deep clone per decrypted event was a catch-up read's
 * largest avoidable cost.)
 */
export function putFields(data: JsonObject, values: Readonly<Record<string, unknown>>): JsonObject {
  const result: JsonObject = { ...data };
  // The objects already copied for this result, so two paths under one parent share the copy
  // (made only for a dotted path: most declared fields are top-level members).
  let copied: Set<JsonObject> | undefined;
  for (const [path, value] of Object.entries(values)) {
    if (!path.includes('.')) {
      result[path] = value;
      continue;
    }
    copied ??= new Set<JsonObject>([result]);
    const keys = path.split('.');
    const last = keys.pop()!;
    let parent: JsonObject = result;
    for (const key of keys) {
      const next = parent[key];
      if (!isObject(next)) parent[key] = {};
      else if (!copied.has(next)) parent[key] = { ...next };
      parent = parent[key] as JsonObject;
      copied.add(parent);
    }
    parent[last] = value;
  }
  return result;
}

/**
 * `putFields` into `data` itself, for an object the caller owns (freshly decoded for this
 * read): the same result, members in the same order, without the copy. Parents on a dotted
 * path are completed in place too (they belong to `data`), created when missing.
 */
export function putFieldsInPlace(data: JsonObject, values: Readonly<Record<string, unknown>>): JsonObject {
  for (const path in values) {
    const value = values[path];
    if (path.indexOf('.') === -1) {
      data[path] = value;
      continue;
    }
    const keys = path.split('.');
    const last = keys.pop()!;
    let parent: JsonObject = data;
    for (const key of keys) {
      if (!isObject(parent[key])) parent[key] = {};
      parent = parent[key] as JsonObject;
    }
    parent[last] = value;
  }
  return data;
}

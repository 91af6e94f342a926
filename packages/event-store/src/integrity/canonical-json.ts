/**
 * RFC 8785 (JSON Canonicalization Scheme) text of a JSON value: object members sorted by
 * UTF-16 code units, no whitespace, strings escaped and numbers printed as ECMAScript does
 * (which is what RFC 8785 specifies). Members whose value is `undefined` are left out, as
 * JSON.stringify does; anything that is not JSON (NaN, Infinity, bigint, functions,
 * class instances such as Date) is refused rather than silently changed.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${value} is not a JSON number.`);
      return Object.is(value, -0) ? '0' : String(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${value.map(arrayItem).join(',')}]`;
      // A plain object's prototype is some realm's Object.prototype (whose own prototype is null).
      const prototype = Object.getPrototypeOf(value) as object | null;
      if (prototype !== null && Object.getPrototypeOf(prototype) !== null) {
        throw new TypeError(`A ${(value as object).constructor?.name ?? 'non-plain'} object is not JSON.`);
      }
      const record = value as Record<string, unknown>;
      const members = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort(compareCodeUnits)
        .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
      return `{${members.join(',')}}`;
    }
    default:
      throw new TypeError(`A ${typeof value} is not JSON.`);
  }
}

function arrayItem(item: unknown): string {
  if (item === undefined) throw new TypeError('undefined is not JSON (in an array).');
  return canonicalJson(item);
}

// RFC 8785 §3.2.3: sort by UTF-16 code units, which is how JS compares strings with < and >.
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

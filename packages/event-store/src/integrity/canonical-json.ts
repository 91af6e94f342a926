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
      // Loops that append to one string: every append encodes its data and metadata, and the
      // filter/sort/map/join chain allocated four arrays per object.
      if (Array.isArray(value)) {
        let text = '[';
        for (let i = 0; i < value.length; i += 1) {
          const item: unknown = value[i];
          if (item === undefined) throw new TypeError('undefined is not JSON (in an array).');
          text += i === 0 ? canonicalJson(item) : `,${canonicalJson(item)}`;
        }
        return `${text}]`;
      }
      // A plain object's prototype is some realm's Object.prototype (whose own prototype is null).
      const prototype = Object.getPrototypeOf(value) as object | null;
      if (prototype !== null && Object.getPrototypeOf(prototype) !== null) {
        throw new TypeError(`A ${(value as object).constructor?.name ?? 'non-plain'} object is not JSON.`);
      }
      const record = value as Record<string, unknown>;
      // RFC 8785 §3.2.3: members sorted by UTF-16 code units, which is the default order of sort().
      const keys = Object.keys(record).sort();
      let text = '{';
      for (const key of keys) {
        const member = record[key];
        if (member === undefined) continue;
        text += `${text.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(member)}`;
      }
      return `${text}}`;
    }
    default:
      throw new TypeError(`A ${typeof value} is not JSON.`);
  }
}

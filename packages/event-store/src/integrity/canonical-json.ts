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
      return quoted(value);
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
          if (i > 0) text += ',';
          text += canonicalJson(item);
        }
        return `${text}]`;
      }
      // A plain object's prototype is some realm's Object.prototype (whose own prototype is null).
      const prototype = Object.getPrototypeOf(value) as object | null;
      if (prototype !== null && Object.getPrototypeOf(prototype) !== null) {
        throw new TypeError(`A ${(value as object).constructor?.name ?? 'non-plain'} object is not JSON.`);
      }
      const record = value as Record<string, unknown>;
      const keys = sortedKeys(record);
      let text = '{';
      for (let i = 0; i < keys.length; i += 1) {
        const key = keys[i]!;
        const member = record[key];
        if (member === undefined) continue;
        // The member's `"name":` (or `,"name":`) as one kept text: two appends a member, not four.
        text += text.length > 1 ? memberPrefix(key, true) : memberPrefix(key, false);
        text += canonicalJson(member);
      }
      return `${text}}`;
    }
    default:
      throw new TypeError(`A ${typeof value} is not JSON.`);
  }
}

/**
 * The object's keys sorted by UTF-16 code units (RFC 8785 §3.2.3, the order of `<` on
 * strings and of sort()'s default): an insertion sort for the few members an event has,
 * which costs less than sort()'s call.
 */
function sortedKeys(record: object): string[] {
  const keys = Object.keys(record);
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i += 1) {
    const key = keys[i]!;
    let j = i - 1;
    for (; j >= 0 && keys[j]! > key; j -= 1) keys[j + 1] = keys[j]!;
    keys[j + 1] = key;
  }
  return keys;
}

/**
 * The RFC 8785 text of a string without its quotes (`canonicalJson(text)` is `"` + this + `"`),
 * for a text whose constant parts hold the quotes: no quoted copy of the string is made.
 */
export function canonicalStringContent(text: string): string {
  return needsEscaping(text) ? JSON.stringify(text).slice(1, -1) : text;
}

/**
 * JSON.stringify of a string, whose text is the string in quotes unless it holds a quote, a
 * backslash, a control character or a surrogate (JSON.stringify escapes a lone one): those
 * few go to JSON.stringify; a scan costs less than its call for the short strings events hold.
 */
function quoted(text: string): string {
  return needsEscaping(text) ? JSON.stringify(text) : `"${text}"`;
}

/** A quote, a backslash, a control character or a surrogate: what JSON.stringify escapes. */
function needsEscaping(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff)) return true;
  }
  return false;
}

// Member names repeat from event to event (the catalogue's fields): the text that opens a
// member, `"name":` and `,"name":`, is kept per name, up to a bound, so arbitrary keys cannot
// grow it without limit. Each append that a string costs is an object to collect.
const KEY_TEXTS_KEPT = 2_000;
const firstMemberTexts = new Map<string, string>();
const nextMemberTexts = new Map<string, string>();

function memberPrefix(key: string, afterAnother: boolean): string {
  const kept = afterAnother ? nextMemberTexts : firstMemberTexts;
  let text = kept.get(key);
  if (text === undefined) {
    text = `${afterAnother ? ',' : ''}${quoted(key)}:`;
    if (kept.size < KEY_TEXTS_KEPT) kept.set(key, text);
  }
  return text;
}

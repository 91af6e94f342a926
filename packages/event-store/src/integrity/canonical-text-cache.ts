import { canonicalJson } from './canonical-json';

// Canonical texts of objects the store made itself (parsed from that very text), so the
// same data is not canonicalised again for its hash and its stored form.
const texts = new WeakMap<object, string>();

/** Parses canonical JSON text into a fresh object and remembers the text for it. */
export function parseCanonical<T extends object>(text: string): T {
  const value = JSON.parse(text) as T;
  texts.set(value, text);
  return value;
}

/** The RFC 8785 text of a value, from the cache when the store produced the object. */
export function canonicalText(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    const cached = texts.get(value);
    if (cached !== undefined) return cached;
  }
  return canonicalJson(value);
}

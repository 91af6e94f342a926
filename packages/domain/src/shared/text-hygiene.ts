// A NUL ends strings in C-based tools (psql, logs, some drivers) and PostgreSQL refuses it in
// text and JSON; an unpaired surrogate is not Unicode at all and cannot be encoded as UTF-8.
// Either one in stored text would corrupt it, or make two "equal" values differ on disk.
const NUL = '\u0000';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The message for text that cannot be stored as it is. */
export const UNCLEAN_TEXT_MESSAGE = 'must not contain NUL characters or unpaired surrogates';

/** Whether a text holds a NUL character or an unpaired UTF-16 surrogate. */
export function isUncleanText(text: string): boolean {
  return text.includes(NUL) || LONE_SURROGATE.test(text);
}

/**
 * The dotted path (`prefix.a.b[2]`) of every string inside a JSON-like value (keys included)
 * that holds a NUL character or an unpaired surrogate.
 */
export function uncleanTextPaths(value: unknown, prefix: string): string[] {
  if (typeof value === 'string') return isUncleanText(value) ? [prefix] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => uncleanTextPaths(item, `${prefix}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => {
      const path = prefix ? `${prefix}.${key}` : key;
      return isUncleanText(key) ? [path] : uncleanTextPaths(item, path);
    });
  }
  return [];
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const KEY = 'effectiveAt';

/**
 * The top-level `effectiveAt` of an event's stored metadata (its JSON text) when that is a
 * string, read without building the metadata object: a replay over time needs nothing else of
 * it, and parsing the whole object cost a 10k-event replay about a fifth of its CPU. Only the
 * strings and brackets of the text are visited. `undefined` whenever the answer cannot be told
 * this way (whitespace or escapes around the top-level keys or in the value, no such member, the
 * member twice, a value that is not a string): the caller then parses the text. For any text
 * `JSON.parse` accepts, an answer is `JSON.parse(text).effectiveAt`.
 */
export function effectiveAtOf(text: string): string | undefined {
  if (text.charCodeAt(0) !== OPEN_BRACE) return undefined;
  let found: string | undefined;
  let depth = 0;
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    if (c !== QUOTE) {
      if (c === OPEN_BRACE || c === OPEN_BRACKET) depth += 1;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth -= 1;
      i += 1;
      continue;
    }
    const end = closingQuote(text, i);
    if (end < 0) return undefined;
    if (depth === 1) {
      // In the top-level object a string is a key (a colon follows) or a value (a comma or the end).
      const after = text.charCodeAt(end + 1);
      if (after === COLON) {
        const length = end - i - 1;
        // A key with escapes may still spell effectiveAt (six characters at most for each letter).
        if (length > KEY.length && length <= 6 * KEY.length && hasBackslash(text, i + 1, end))
          return undefined;
        if (length === KEY.length && text.startsWith(KEY, i + 1)) {
          if (found !== undefined || text.charCodeAt(end + 2) !== QUOTE) return undefined;
          const valueEnd = text.indexOf('"', end + 3);
          if (valueEnd < 0) return undefined;
          found = text.slice(end + 3, valueEnd);
          if (found.includes('\\')) return undefined;
          i = valueEnd + 1;
          continue;
        }
      } else if (after !== COMMA && after !== CLOSE_BRACE) return undefined;
    }
    i = end + 1;
  }
  return found;
}

// The quote that closes the string opened at `open` (one not escaped by a backslash), -1 if none.
function closingQuote(text: string, open: number): number {
  for (let end = text.indexOf('"', open + 1); end >= 0; end = text.indexOf('"', end + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return end;
  }
  return -1;
}

function hasBackslash(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i += 1) if (text.charCodeAt(i) === BACKSLASH) return true;
  return false;
}

import { JSON_PIECES_DEPTH } from './json-pieces';

// Character codes the structural walk looks at.
const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const COMMA = 44;
const COLON = 58;

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

// What the walk expects next inside an open container (or at the top).
const enum Expect {
  /** A value (the top, after `[`'s comma or an object's colon). */
  Value,
  /** A value or `]` (just after `[`). */
  ValueOrClose,
  /** A key or `}` (just after `{`). */
  KeyOrClose,
  /** A key (after an object's comma). */
  Key,
  /** The `:` after a key. */
  Colon,
  /** `,` or the container's closing bracket (after a value). */
  CommaOrClose,
  /** Nothing but white space (the top value is complete). */
  End,
}

interface Frame {
  readonly container: unknown[] | Record<string, unknown>;
  readonly isArray: boolean;
  key: string;
}

// A refusal that never quotes the text (the caller's error names the row instead).
const broken = () => new SyntaxError('The JSON text is not valid.');

// JSON.parse of one cut-out value, refused without its message (which quotes the text).
const parseValue = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw broken();
  }
};

/**
 * Parses JSON text handed in pieces, giving exactly `JSON.parse` of the joined pieces without
 * ever joining them: containers down to `depth` are built here, every value below is cut out of
 * its piece and given to `JSON.parse` whole. A piece may end anywhere (inside a string or a
 * number too); the unfinished value is carried into the next piece. `push` each piece in order,
 * then `end()` for the value; invalid text is a SyntaxError that quotes nothing.
 */
export class JsonPiecesParser {
  private readonly stack: Frame[] = [];
  private expect = Expect.Value;
  private root: unknown;
  // The unfinished value's text (from its first character) and how far it was scanned.
  private carry = '';
  private scanned = 0;
  private scanDepth = 0;
  private scanInString = false;

  constructor(private readonly depth: number = JSON_PIECES_DEPTH) {}

  /** Takes the next piece of the text. */
  push(piece: string): void {
    if (this.carry === '') this.walk(piece, false);
    else {
      const text = this.carry + piece;
      this.carry = '';
      this.walk(text, false);
    }
  }

  /** The parsed value, once every piece was pushed. */
  end(): unknown {
    const text = this.carry;
    this.carry = '';
    if (text !== '') this.walk(text, true);
    if (this.expect !== Expect.End) throw broken();
    return this.root;
  }

  private walk(text: string, last: boolean): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (isSpace(c)) {
        i++;
        continue;
      }
      switch (this.expect) {
        case Expect.Value:
        case Expect.ValueOrClose: {
          if (c === CLOSE_ARRAY && this.expect === Expect.ValueOrClose) {
            i++;
            this.close(true);
            continue;
          }
          if ((c === OPEN_ARRAY || c === OPEN_OBJECT) && this.stack.length < this.depth) {
            i++;
            this.open(c === OPEN_ARRAY);
            continue;
          }
          const end = this.valueEnd(text, i, last);
          if (end < 0) {
            this.carry = i === 0 ? text : text.slice(i);
            return;
          }
          this.add(parseValue(text.slice(i, end)));
          i = end;
          continue;
        }
        case Expect.KeyOrClose:
        case Expect.Key: {
          if (c === CLOSE_OBJECT && this.expect === Expect.KeyOrClose) {
            i++;
            this.close(false);
            continue;
          }
          if (c !== QUOTE) throw broken();
          const end = this.valueEnd(text, i, last);
          if (end < 0) {
            this.carry = i === 0 ? text : text.slice(i);
            return;
          }
          this.stack[this.stack.length - 1]!.key = parseValue(text.slice(i, end)) as string;
          this.expect = Expect.Colon;
          i = end;
          continue;
        }
        case Expect.Colon:
          if (c !== COLON) throw broken();
          i++;
          this.expect = Expect.Value;
          continue;
        case Expect.CommaOrClose: {
          const frame = this.stack[this.stack.length - 1]!;
          i++;
          if (c === COMMA) this.expect = frame.isArray ? Expect.Value : Expect.Key;
          else if (c === (frame.isArray ? CLOSE_ARRAY : CLOSE_OBJECT)) this.close(frame.isArray);
          else throw broken();
          continue;
        }
        case Expect.End:
          throw broken();
      }
    }
  }

  private open(isArray: boolean): void {
    this.stack.push({ container: isArray ? [] : {}, isArray, key: '' });
    this.expect = isArray ? Expect.ValueOrClose : Expect.KeyOrClose;
  }

  private close(isArray: boolean): void {
    const frame = this.stack.pop()!;
    if (frame.isArray !== isArray) throw broken();
    this.add(frame.container);
  }

  // Puts a finished value where the walk is: into the open container, or as the top value.
  private add(value: unknown): void {
    const frame = this.stack[this.stack.length - 1];
    if (!frame) {
      this.root = value;
      this.expect = Expect.End;
      return;
    }
    if (frame.isArray) (frame.container as unknown[]).push(value);
    else if (frame.key === '__proto__') {
      // JSON.parse makes it an own property; an assignment would set the prototype instead.
      Object.defineProperty(frame.container, '__proto__', {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    } else (frame.container as Record<string, unknown>)[frame.key] = value;
    this.expect = Expect.CommaOrClose;
  }

  /**
   * Where the value starting at `start` ends (one past its last character), or -1 when the
   * text ends first and more may follow. A string, array or object is scanned for its closing
   * character (strings skipped whole); a number or literal runs to the next delimiter. The
   * scan resumes where it stopped when the value continues into the next piece.
   */
  private valueEnd(text: string, start: number, last: boolean): number {
    const n = text.length;
    const first = text.charCodeAt(start);
    if (first !== QUOTE && first !== OPEN_ARRAY && first !== OPEN_OBJECT) {
      let j = start + 1;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === COMMA || c === CLOSE_ARRAY || c === CLOSE_OBJECT || c === COLON || isSpace(c)) break;
        j++;
      }
      return j === n && !last ? -1 : j;
    }
    // A carried value resumes its scan (its text starts at 0 then).
    let j = start;
    let depth = 0;
    let inString = false;
    if (start === 0 && this.scanned > 0) {
      j = this.scanned;
      depth = this.scanDepth;
      inString = this.scanInString;
    } else if (first === QUOTE) {
      j = start + 1;
      inString = true;
    }
    this.scanned = 0;
    while (j < n) {
      if (inString) {
        const quote = text.indexOf('"', j);
        if (quote < 0) {
          j = n;
          break;
        }
        let b = quote - 1;
        while (text.charCodeAt(b) === BACKSLASH) b--;
        j = quote + 1;
        // An even number of backslashes before it: the quote closes the string.
        if ((quote - 1 - b) % 2 === 0) {
          inString = false;
          if (depth === 0) return j;
        }
        continue;
      }
      const c = text.charCodeAt(j++);
      if (c === QUOTE) inString = true;
      else if (c === OPEN_ARRAY || c === OPEN_OBJECT) depth++;
      else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
        if (--depth === 0) return j;
      }
    }
    if (last) throw broken();
    // Carried from `start`: the positions shift by it.
    this.scanned = j - start;
    this.scanDepth = depth;
    this.scanInString = inString;
    return -1;
  }
}

/** `JSON.parse` of the joined pieces, without joining them (see JsonPiecesParser). */
export function parseJsonPieces(pieces: Iterable<string>, depth?: number): unknown {
  const parser = new JsonPiecesParser(depth);
  for (const piece of pieces) parser.push(piece);
  return parser.end();
}

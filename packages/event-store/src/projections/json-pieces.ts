/**
 * How deep the walk goes before a value is serialised whole: a tenant's snapshot holds its
 * large collections at depth 2 (`snapshot.directory.advocates`), so their elements — one
 * advocate, one timeline — are the units serialised at once.
 */
export const JSON_PIECES_DEPTH = 3;

// A container the walk opens: a plain array or object with no `toJSON` of its own.
const isWalked = (value: unknown): value is object => {
  if (value === null || typeof value !== 'object') return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * Serialises `value` as `JSON.stringify(value)` would, handing the text to `write` in pieces
 * of about `pieceChars` code units (a piece ends between two values, so never inside a
 * character; one value longer than that is one piece), so the whole text never exists at
 * once: a large snapshot costs the memory of one piece, not of its JSON. Plain arrays and
 * objects down to `depth` are walked; anything below, and any other value (a `toJSON`, a
 * class instance), is serialised whole by `JSON.stringify`. Returns the characters written.
 */
export function writeJsonPieces(
  value: unknown,
  pieceChars: number,
  write: (piece: string) => void,
  depth: number = JSON_PIECES_DEPTH,
): number {
  let total = 0;
  for (const piece of jsonPieces(value, pieceChars, depth)) {
    total += piece.length;
    write(piece);
  }
  return total;
}

/**
 * The pieces writeJsonPieces hands out, one at a time as the caller asks for the next: a
 * caller may stop between two pieces (to write them, to let other work run) and go on later.
 */
export function* jsonPieces(
  value: unknown,
  pieceChars: number,
  depth: number = JSON_PIECES_DEPTH,
): Generator<string, void, undefined> {
  let parts: string[] = [];
  let held = 0;
  // Adds text to the piece being made; true when the piece is full.
  const emit = (text: string): boolean => {
    parts.push(text);
    held += text.length;
    return held >= pieceChars;
  };
  const take = (): string => {
    const piece = parts.length === 1 ? parts[0]! : parts.join('');
    parts = [];
    held = 0;
    return piece;
  };
  // Yields the JSON of a walked container (the pieces that fill up meanwhile).
  function* walk(v: object, level: number): Generator<string, void, undefined> {
    const leaves = level + 1 >= depth;
    if (Array.isArray(v)) {
      if (emit('[')) yield take();
      for (let i = 0; i < v.length; i++) {
        if (i > 0 && emit(',')) yield take();
        const child: unknown = v[i];
        if (!leaves && isWalked(child)) yield* walk(child, level + 1);
        else if (emit((JSON.stringify(child) as string | undefined) ?? 'null')) yield take();
      }
      if (emit(']')) yield take();
      return;
    }
    if (emit('{')) yield take();
    let first = true;
    const record = v as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const child = record[key];
      const walked = !leaves && isWalked(child);
      const text = walked ? '' : (JSON.stringify(child) as string | undefined);
      // What JSON.stringify leaves out of an object (undefined, a function, a symbol).
      if (text === undefined) continue;
      if (emit(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`)) yield take();
      first = false;
      if (walked) yield* walk(child, level + 1);
      else if (emit(text)) yield take();
    }
    if (emit('}')) yield take();
  }
  if (depth > 0 && isWalked(value)) yield* walk(value, 0);
  else {
    const text = JSON.stringify(value) as string | undefined;
    if (text === undefined)
      throw new TypeError('The value has no JSON text (undefined, a function or a symbol).');
    emit(text);
  }
  if (held > 0) yield take();
}

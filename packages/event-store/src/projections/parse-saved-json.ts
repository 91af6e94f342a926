import { parseJsonPieces } from './json-pieces-parse';
import { SavedStateUnreadableError, type SavedStateRow } from '../errors/saved-state-unreadable-error';

/**
 * Parses a saved read model's JSON text; broken text is a SavedStateUnreadableError naming
 * the row, never the parser's SyntaxError (whose message quotes the text).
 */
export function parseSavedJson(text: string, row: SavedStateRow): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SavedStateUnreadableError(row);
  }
}

/**
 * Parses a saved read model's JSON text from its stored pieces, in order, without joining them
 * (the whole text of a large snapshot never exists at once); broken text is a
 * SavedStateUnreadableError as in parseSavedJson. Errors of reading the pieces pass through.
 */
export function parseSavedJsonPieces(pieces: Iterable<string>, row: SavedStateRow): unknown {
  try {
    return parseJsonPieces(pieces);
  } catch (error) {
    if (error instanceof SyntaxError) throw new SavedStateUnreadableError(row);
    throw error;
  }
}

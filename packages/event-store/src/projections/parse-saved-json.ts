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

const NUL = String.fromCharCode(0);

/**
 * PostgreSQL `text` cannot hold U+0000, but tenant, stream, event and subject ids may
 * contain it (the contract only limits their length). Ids are stored with a reversible
 * escape that leaves every id without NUL or backslash unchanged, so the common case stays
 * readable in psql: `\` → `\\`, NUL → `\0`. Distinct ids stay distinct.
 */
export function toSqlText(value: string): string {
  if (!value.includes('\\') && !value.includes(NUL)) return value;
  return value.split('\\').join('\\\\').split(NUL).join('\\0');
}

/** Reverses `toSqlText`. */
export function fromSqlText(value: string): string {
  if (!value.includes('\\')) return value;
  return value.replace(/\\(\\|0)/g, (_, escaped: string) => (escaped === '0' ? NUL : '\\'));
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,47}$/;

/**
 * Checks a schema name given in configuration and returns it quoted for SQL. Only plain
 * lower-case names are accepted, so the name can be spliced into DDL and channel names
 * without any escaping question.
 */
export function schemaIdentifier(schema: string): string {
  if (!IDENTIFIER.test(schema)) {
    throw new RangeError(
      `"${schema}" is not a usable schema name: use [a-z_][a-z0-9_]*, at most 48 characters.`,
    );
  }
  return `"${schema}"`;
}

/** Quotes a string as an SQL literal (for DDL, where parameters cannot be used). */
export function sqlLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

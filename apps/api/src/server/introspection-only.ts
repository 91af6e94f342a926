import type { Principal } from '@vouch/application';
import { Kind, parse, type DocumentNode } from 'graphql';

/**
 * Who asks an introspection-only operation without a token in development: no tenant, no
 * roles. No resolver of ours runs for such an operation, so it can read nothing but the schema.
 */
export const SCHEMA_READER: Principal = { tenantId: '__schema__', userId: '__schema_reader__', roles: [] };

/**
 * Whether a GraphQL-over-HTTP body asks only for the schema: every operation selects only
 * meta fields (`__schema`, `__type`, `__typename`) at its root. Tools that fetch the schema
 * from a URL (GraphiQL's docs panel, codegen) send such a query before any token is set.
 */
export function isIntrospectionOnly(body: unknown, maxTokens: number): boolean {
  const query = (body as { query?: unknown } | undefined)?.query;
  if (typeof query !== 'string') return false;
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens, noLocation: true });
  } catch {
    return false;
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  return (
    operations.length > 0 &&
    operations.every(
      (operation) =>
        operation.operation === 'query' &&
        operation.selectionSet.selections.every(
          (selection) => selection.kind === Kind.FIELD && selection.name.value.startsWith('__'),
        ),
    )
  );
}

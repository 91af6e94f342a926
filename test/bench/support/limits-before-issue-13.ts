/**
 * The API's limits as they were before issue 13 (commit f02a568), kept only as the "before"
 * of `api-limits.bench.ts`: a depth rule that walks a fragment again at every spread, a
 * per-document alias count, and graphql-query-complexity's cost walk (also per spread, capped
 * at 10,000 nodes). Never used by the API.
 */
import {
  getOperationAST,
  GraphQLError,
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';

/**
 * A validation rule refusing operations nested deeper than `maxDepth` (fragments are
 * followed; a fragment cycle is left to graphql's own NoFragmentCycles rule).
 */
export function depthLimitRule(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const depthOf = (selectionSet: SelectionSetNode, depth: number, seen: Set<string>): number => {
      if (depth > maxDepth) return depth;
      let deepest = depth;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.selectionSet)
            deepest = Math.max(deepest, depthOf(selection.selectionSet, depth + 1, seen));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, depth, seen));
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (fragment && !seen.has(name)) {
            deepest = Math.max(deepest, depthOf(fragment.selectionSet, depth, new Set([...seen, name])));
          }
        }
        if (deepest > maxDepth) break;
      }
      return deepest;
    };
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet, 1, new Set());
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`The operation is nested deeper than ${maxDepth} levels.`, {
              nodes: [operation],
              extensions: { code: 'QUERY_TOO_DEEP' },
            }),
          );
        }
      },
    };
  };
}

/** A validation rule refusing documents with more than `maxAliases` aliased fields (alias amplification). */
export function aliasLimitRule(maxAliases: number) {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    let reported = false;
    return {
      Field(node) {
        if (!node.alias) return;
        aliases += 1;
        if (aliases > maxAliases && !reported) {
          reported = true;
          context.reportError(
            new GraphQLError(`The document uses more than ${maxAliases} aliases.`, {
              nodes: [node],
              extensions: { code: 'TOO_MANY_ALIASES' },
            }),
          );
        }
      },
    };
  };
}

/** A list field costs its page size (`first`) times the cost of one item. */
const connectionEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  if (typeof args.first !== 'number') return undefined;
  return 1 + Math.max(1, args.first) * Math.max(1, childComplexity);
};

/**
 * The estimated cost of an operation: a field costs 1 plus its children; a connection
 * multiplies its children by the page size. Undefined when the variables do not coerce:
 * execution refuses those as BAD_USER_INPUT, while the estimator would throw a code-less error.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined | null,
): number | undefined {
  const operation = getOperationAST(document, operationName);
  const coerced = getVariableValues(schema, operation?.variableDefinitions ?? [], variables ?? {});
  if (coerced.errors) return undefined;
  return getComplexity({
    schema,
    query: document,
    variables: variables ?? {},
    ...(operationName ? { operationName } : {}),
    estimators: [connectionEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}

import { getOperationAST, GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import {
  fieldExtensionsEstimator,
  getComplexity,
  simpleEstimator,
  type ComplexityEstimator,
} from 'graphql-query-complexity';
import { ApiErrorCode } from '../errors/error-codes';

/** A list field costs its page size (`first`) times the cost of one item. */
const connectionEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  if (typeof args.first !== 'number') return undefined;
  return 1 + Math.max(1, args.first) * Math.max(1, childComplexity);
};

/**
 * The estimated cost of an operation: a field costs 1 plus its children (or the cost it
 * declares, e.g. a whole-log verification); a connection
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
    // A field that declares its cost (weighted by the work it does) is priced so first.
    estimators: [fieldExtensionsEstimator(), connectionEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}

/** The error for an operation above the cost limit (400 over HTTP). */
export function tooComplex(cost: number, maxCost: number): GraphQLError {
  return new GraphQLError(`The operation costs ${cost}, more than the limit of ${maxCost}.`, {
    extensions: { code: ApiErrorCode.QUERY_TOO_COMPLEX, cost, maxCost, http: { status: 400 } },
  });
}

import type { ApolloServerPlugin } from '@apollo/server';
import { getOperationAST, GraphQLError } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { ApiErrorCode } from '../errors/error-codes';

/** A list field costs its page size (`first`, default 20) times the cost of one item. */
const connectionEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  if (typeof args.first !== 'number') return undefined;
  return 1 + Math.max(1, args.first) * Math.max(1, childComplexity);
};

/**
 * Refuses an operation whose estimated cost exceeds `maxCost`, before it runs: a field
 * costs 1 plus its children; a connection multiplies its children by the page size.
 */
export function costLimitPlugin(maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          // Variables that do not coerce are refused by execution as BAD_USER_INPUT (400);
          // the estimator would throw a code-less error (500) on them instead.
          const operation = getOperationAST(document, request.operationName);
          const coerced = getVariableValues(
            schema,
            operation?.variableDefinitions ?? [],
            request.variables ?? {},
          );
          if (coerced.errors) return;
          const cost = getComplexity({
            schema,
            query: document,
            variables: request.variables ?? {},
            ...(request.operationName ? { operationName: request.operationName } : {}),
            estimators: [connectionEstimator, simpleEstimator({ defaultComplexity: 1 })],
          });
          if (cost > maxCost) {
            throw new GraphQLError(`The operation costs ${cost}, more than the limit of ${maxCost}.`, {
              extensions: { code: ApiErrorCode.QUERY_TOO_COMPLEX, cost, maxCost, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

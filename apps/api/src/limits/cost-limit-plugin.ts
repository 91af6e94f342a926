import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
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

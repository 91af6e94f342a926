import type { ApolloServerPlugin } from '@apollo/server';
import { operationCost, tooComplex } from './operation-cost';

/** Refuses an operation whose estimated cost exceeds `maxCost`, before it runs. */
export function costLimitPlugin(maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const cost = operationCost(schema, document, request.variables, request.operationName);
          if (cost !== undefined && cost > maxCost) throw tooComplex(cost, maxCost);
        },
      };
    },
  };
}

import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ApiErrorCode } from '../errors/error-codes';

/**
 * Bounds how long a query or mutation runs: once `timeoutMs` has passed since execution
 * began, every field that has not started yet is refused with EXECUTION_TIMEOUT, so a slow
 * operation ends with what it has instead of holding its connection and the store.
 * graphql-js cannot stop a resolver already running; each one is bounded by the store's own
 * timeouts, and the next field does not start.
 */
export function executionTimeoutPlugin(timeoutMs: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async executionDidStart() {
          const deadline = performance.now() + timeoutMs;
          let reported = false;
          return {
            willResolveField() {
              if (performance.now() <= deadline) return;
              // One error says it; the fields after it resolve to null without repeating it.
              const error = new GraphQLError(
                reported
                  ? 'Not resolved: the operation ran out of time.'
                  : `The operation ran longer than ${timeoutMs} ms; the fields not yet resolved were dropped.`,
                { extensions: { code: ApiErrorCode.EXECUTION_TIMEOUT, timeoutMs } },
              );
              reported = true;
              throw error;
            },
          };
        },
      };
    },
  };
}

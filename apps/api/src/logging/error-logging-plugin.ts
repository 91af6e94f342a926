import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError } from '@vouch/domain';
import { EventStoreError, EventStoreErrorCode } from '@vouch/event-store';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { ApiContext } from '../context/api-context';

/** Store codes that are the client's lot (a race, bad input, an erased subject), not a fault. */
const STORE_REFUSALS: Record<string, string> = {
  [EventStoreErrorCode.WRONG_EXPECTED_VERSION]: 'CONFLICT',
  [EventStoreErrorCode.IDEMPOTENCY_CONFLICT]: 'CONFLICT',
  [EventStoreErrorCode.INVALID_APPEND]: 'BAD_USER_INPUT',
  [EventStoreErrorCode.SUBJECT_ERASED]: EventStoreErrorCode.SUBJECT_ERASED,
};

/**
 * Logs every failed operation once: refusals (domain rules, bad input, a CONFLICT between
 * two writers) at info without a stack, store outages at warn, and anything unexpected at
 * error with its stack — the stack goes to the log, never to the client.
 */
export function errorLoggingPlugin(fallback: Logger): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart({ contextValue }) {
      const logger = contextValue?.logger ?? fallback;
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            if (original instanceof DomainError) {
              logger.info({ operationName, code: original.code }, 'operation refused by the domain');
            } else if (original instanceof EventStoreError && STORE_REFUSALS[original.code]) {
              logger.info(
                { operationName, code: STORE_REFUSALS[original.code], storeCode: original.code },
                'operation refused by the event store',
              );
            } else if (original instanceof EventStoreError) {
              const level = original.code === EventStoreErrorCode.STORE_UNAVAILABLE ? 'warn' : 'error';
              logger[level]({ operationName, err: original }, 'event store error');
            } else if (original instanceof GraphQLError && original.extensions.code) {
              logger.info({ operationName, code: original.extensions.code }, 'operation rejected');
            } else {
              logger.error({ operationName, err: original }, 'unexpected error');
            }
          }
        },
      };
    },
  };
}

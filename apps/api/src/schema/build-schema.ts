import type { GraphQLSchema } from 'graphql';
import { buildSchemaSync, type PubSub } from 'type-graphql';
import { RESOLVERS } from './resolvers';

/**
 * type-graphql insists on a PubSub once there are subscriptions, but every subscription
 * here has its own `subscribe` over the tenant's change feed: topics are never used.
 */
const NO_TOPICS: PubSub = {
  publish: () => {
    throw new Error('Subscriptions read the tenant change feed; nothing is published by topic.');
  },
  subscribe: () => {
    throw new Error('Subscriptions read the tenant change feed; nothing is published by topic.');
  },
};

/**
 * The API's schema from the type-graphql classes. Inputs are validated by class-validator
 * before a resolver runs; validation errors never carry the rejected values.
 */
export function buildApiSchema(): GraphQLSchema {
  return buildSchemaSync({
    resolvers: RESOLVERS,
    pubSub: NO_TOPICS,
    validate: {
      forbidUnknownValues: false,
      validationError: { target: false, value: false },
    },
  });
}

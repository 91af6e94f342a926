import type { GraphQLSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { RESOLVERS } from './resolvers';

/**
 * The API's schema from the type-graphql classes. Inputs are validated by class-validator
 * before a resolver runs; validation errors never carry the rejected values.
 */
export function buildApiSchema(): GraphQLSchema {
  return buildSchemaSync({
    resolvers: RESOLVERS,
    validate: {
      forbidUnknownValues: false,
      validationError: { target: false, value: false },
    },
  });
}

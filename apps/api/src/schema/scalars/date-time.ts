import { GraphQLScalarType, type ValueNode } from 'graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';

const toInstant = (value: unknown): string => {
  if (value instanceof Date) return value.toISOString();
  return new Date(String(value)).toISOString();
};

/**
 * An instant as the domain keeps it: an ISO-8601 UTC string. Input is checked by
 * graphql-scalars' DateTimeISO (RFC 3339 with a time zone) and normalised to
 * `2026-11-23T09:00:00.000Z`, so resolvers hand the domain a string, never a Date.
 */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description:
    'An instant in time as an RFC 3339 / ISO-8601 string with a time zone, e.g. `2026-11-23T09:00:00Z`; always returned in UTC with milliseconds.',
  serialize: (value) => toInstant(GraphQLDateTimeISO.serialize(value)),
  parseValue: (value) => toInstant(GraphQLDateTimeISO.parseValue(value)),
  parseLiteral: (ast: ValueNode, variables) => toInstant(GraphQLDateTimeISO.parseLiteral(ast, variables)),
});

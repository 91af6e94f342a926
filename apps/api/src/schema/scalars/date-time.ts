import { GraphQLError, GraphQLScalarType, type ValueNode } from 'graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';

/** Rejects without quoting the value: error messages must not echo input. */
const parsed = (parse: () => unknown): string => {
  try {
    return toInstant(parse());
  } catch {
    throw new GraphQLError(
      'Expected type "DateTime": an ISO-8601 date-time with a time zone, e.g. 2026-11-23T09:00:00Z.',
    );
  }
};

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
  parseValue: (value) => parsed(() => GraphQLDateTimeISO.parseValue(value)),
  parseLiteral: (ast: ValueNode, variables) => parsed(() => GraphQLDateTimeISO.parseLiteral(ast, variables)),
});

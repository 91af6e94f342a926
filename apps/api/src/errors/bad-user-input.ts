import { GraphQLError } from 'graphql';
import { ApiErrorCode } from './error-codes';

/** An argument the API itself checks is unusable: BAD_USER_INPUT with the field, never its value. */
export function badUserInput(field: string, message: string): GraphQLError {
  return new GraphQLError(`The input is invalid. ${field}: ${message}.`, {
    extensions: { code: ApiErrorCode.BAD_USER_INPUT, issues: [{ field, message }] },
  });
}

import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * The request carries no valid credentials: missing, malformed, expired, wrongly signed
 * or unsigned (`alg: none`) tokens, or tokens without a tenant or user. Always 401, and the
 * message never says which check failed beyond what a client can fix.
 */
export class AuthenticationError extends GraphQLError {
  constructor(message = 'A valid bearer token is required.') {
    super(message, {
      extensions: {
        code: 'UNAUTHENTICATED',
        http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer']]) },
      },
    });
  }
}

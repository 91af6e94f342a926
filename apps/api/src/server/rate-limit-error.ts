import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ApiErrorCode } from '../errors/error-codes';

/** Too many requests from one user: 429 with `Retry-After`. */
export class RateLimitError extends GraphQLError {
  constructor(retryAfterSeconds: number) {
    super(`Too many requests. Retry after ${retryAfterSeconds} s.`, {
      extensions: {
        code: ApiErrorCode.RATE_LIMITED,
        retryAfterSeconds,
        http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
      },
    });
  }
}

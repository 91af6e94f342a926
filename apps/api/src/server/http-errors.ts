import type { NextFunction, Request, Response } from 'express';
import { ApiErrorCode } from '../errors/error-codes';
import { scopeOf } from './request-context';

interface BodyParserError {
  readonly type?: string;
  readonly status?: number;
}

/**
 * Errors raised before GraphQL sees the request (body too large, malformed JSON) as
 * GraphQL-shaped JSON with the right status; anything else as a masked 500.
 */
export function httpErrorHandler() {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const { type, status } = (error ?? {}) as BodyParserError;
    const respond = (code: number, message: string, errorCode: string) =>
      res.status(code).json({ errors: [{ message, extensions: { code: errorCode } }] });
    if (type === 'entity.too.large') {
      respond(413, 'The request body is too large.', ApiErrorCode.PAYLOAD_TOO_LARGE);
    } else if (
      type === 'entity.parse.failed' ||
      type === 'encoding.unsupported' ||
      type === 'charset.unsupported'
    ) {
      respond(400, 'The request body is not valid JSON.', 'BAD_REQUEST');
    } else if (typeof status === 'number' && status >= 400 && status < 500) {
      respond(status, 'The request could not be read.', 'BAD_REQUEST');
    } else {
      scopeOf(req).logger.error({ err: error }, 'unexpected error outside GraphQL');
      respond(
        500,
        'Internal server error. Quote the request id when you report it.',
        ApiErrorCode.INTERNAL_SERVER_ERROR,
      );
    }
  };
}

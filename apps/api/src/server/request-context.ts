import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

/** What the API keeps per HTTP request. */
export interface RequestScope {
  readonly requestId: string;
  readonly logger: Logger;
}

const SCOPE = Symbol('vouch.requestScope');
const CLIENT_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's id and logger, set by `requestContext`. */
export function scopeOf(req: Request): RequestScope {
  return (req as unknown as { [SCOPE]: RequestScope })[SCOPE];
}

/**
 * Gives every request an id (the client's `x-request-id` when well-formed, else a new
 * UUID), echoes it in the response, and writes one access log line when it finishes.
 */
export function requestContext(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.get('x-request-id');
    const requestId = header && CLIENT_ID.test(header) ? header : randomUUID();
    const scope: RequestScope = { requestId, logger: logger.child({ requestId }) };
    (req as unknown as { [SCOPE]: RequestScope })[SCOPE] = scope;
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      scope.logger.info(
        {
          method: req.method,
          // The full path: inside a mounted router `req.path` is relative ('/' for /graphql).
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request finished',
      );
    });
    next();
  };
}

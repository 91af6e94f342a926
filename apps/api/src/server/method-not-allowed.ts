import type { NextFunction, Request, Response } from 'express';
import { ApiErrorCode } from '../errors/error-codes';

const ALLOWED = ['GET', 'POST', 'OPTIONS', 'HEAD'];

/** PUT, DELETE, PATCH and other methods on the GraphQL endpoint: 405 with `Allow` and a typed JSON body. */
export function methodNotAllowed() {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (ALLOWED.includes(req.method)) {
      next();
      return;
    }
    res
      .status(405)
      .set('allow', 'GET, POST')
      .json({
        errors: [
          {
            message: `The GraphQL endpoint answers GET and POST, not ${req.method}.`,
            extensions: { code: ApiErrorCode.METHOD_NOT_ALLOWED },
          },
        ],
      });
  };
}

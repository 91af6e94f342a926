import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { NextFunction, Request, Response } from 'express';

/**
 * Serves GraphiQL (fully inlined, so it works offline) to browsers that GET the endpoint
 * asking for HTML; every other request goes on to the GraphQL handler.
 */
export function graphiqlRoute(endpoint: string) {
  const html = renderGraphiQL({
    endpoint,
    title: 'Vouch GraphQL API',
    headers: JSON.stringify({ Authorization: 'Bearer <token>' }),
    defaultQuery: '{\n  viewer {\n    userId\n    tenantId\n    roles\n  }\n}\n',
  } as never);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (
      req.method === 'GET' &&
      req.accepts(['application/json', 'text/html']) === 'text/html' &&
      !req.query.query
    ) {
      res.type('html').send(html);
      return;
    }
    next();
  };
}

import type { CrmInbound, Principal } from '@vouch/application';
import { DomainError } from '@vouch/domain';
import express, { Router, type Request, type Response } from 'express';
import { AuthenticationError } from '../auth/authentication-error';
import { bearerToken } from '../auth/bearer-token';
import type { TokenVerifier } from '../auth/token-verifier';
import { BadQueryParameter, crmInboxQuery } from './crm-inbox-query';

const HTTP_STATUS: Readonly<Record<string, number>> = {
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_TRANSITION: 409,
  VALIDATION_FAILED: 400,
};

function fail(
  res: Response,
  status: number,
  code: string,
  message: string,
  extra: Readonly<Record<string, unknown>> = {},
): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...extra } }] });
}

/**
 * The CRM inbox for ADMIN and PROGRAM_MANAGER (bearer token, tenant from the token):
 * GET /integrations/crm/inbox?status=PARKED&first=20&after=<endCursor> (a page, oldest first), POST /integrations/crm/inbox/:eventId/resolve
 * `{ "action": "RETRY" | "DISMISS", "reason"? }`, GET /integrations/crm/nomination-suggestions.
 */
export function crmInboxRoutes(inbound: CrmInbound, verify: TokenVerifier): Router {
  const router = Router();
  const handle =
    (work: (principal: Principal, req: Request<Record<string, string>>) => Promise<unknown>) =>
    async (req: Request<Record<string, string>>, res: Response) => {
      try {
        const { principal } = await verify(bearerToken(req.get('authorization')));
        res.set('cache-control', 'no-store').json(await work(principal, req));
      } catch (error) {
        if (error instanceof AuthenticationError) return fail(res, 401, 'UNAUTHENTICATED', error.message);
        if (error instanceof DomainError)
          return fail(res, HTTP_STATUS[error.code] ?? 409, error.code, error.message);
        if (error instanceof BadQueryParameter) {
          const issues = [{ field: error.field, message: error.reason }];
          return fail(res, 400, 'BAD_USER_INPUT', error.message, { issues });
        }
        throw error;
      }
    };
  router.get(
    '/integrations/crm/inbox',
    handle(async (principal, req) => {
      const { status, page } = crmInboxQuery(req.query);
      const inbox = await inbound.inboxPage(principal, status, page).catch((error: unknown) => {
        // The read model refuses a cursor that is no inbox position (crafted, or of another list), naming it.
        if (error instanceof RangeError && error.message.startsWith('"after"'))
          throw new BadQueryParameter('after', 'is not a cursor of the CRM inbox');
        throw error;
      });
      return {
        entries: inbox.edges.map(({ node }) => node),
        pageInfo: {
          hasNextPage: inbox.pageInfo.hasNextPage,
          hasPreviousPage: inbox.pageInfo.hasPreviousPage,
          startCursor: inbox.pageInfo.startCursor ?? null,
          endCursor: inbox.pageInfo.endCursor ?? null,
        },
        ...(inbox.totalCount !== undefined ? { totalCount: inbox.totalCount } : {}),
      };
    }),
  );
  router.post(
    '/integrations/crm/inbox/:eventId/resolve',
    express.json({ limit: 10_000 }),
    handle(async (principal, req) => {
      const body = (req.body ?? {}) as { action?: unknown; reason?: unknown };
      if (body.action === 'RETRY')
        return inbound.resolve(principal, req.params.eventId ?? '', { action: 'RETRY' });
      const reason = typeof body.reason === 'string' ? body.reason.trim().slice(0, 1000) : '';
      if (body.action !== 'DISMISS' || reason.length === 0) {
        throw new DomainError(
          'VALIDATION_FAILED',
          'Send { "action": "RETRY" } or { "action": "DISMISS", "reason": "…" }.',
        );
      }
      return inbound.resolve(principal, req.params.eventId ?? '', { action: 'DISMISS', reason });
    }),
  );
  router.get(
    '/integrations/crm/nomination-suggestions',
    handle(async (principal) => ({ suggestions: await inbound.nominationSuggestions(principal) })),
  );
  return router;
}

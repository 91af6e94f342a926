import { ValidationError } from '@vouch/domain';
import express, { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { refuse } from './inbound-refusal';
import { ReplayGuard } from './signed-request';
import { verifyVouchSignature, VOUCH_SIGNATURE_HEADER } from './vouch-signature';

/** What a route signed with `vouch-signature` needs: where, whose secrets, and what to do with a payload. */
export interface VouchSignedRouteOptions<Payload> {
  /** An express path with a `:tenantId` parameter. */
  readonly path: string;
  readonly secrets: Readonly<Record<string, string>>;
  readonly toleranceSeconds: number;
  readonly maxBodyBytes: number;
  readonly nowMs: () => number;
  /** Reads the JSON body; throws a ValidationError for a malformed one. */
  readonly parse: (json: unknown) => Payload;
  /** Acts on a verified, well-formed payload and answers. */
  readonly handle: (tenantId: string, payload: Payload, res: Response) => Promise<void>;
}

/** What every signed inbound route is configured with: the tenants' secrets, the limits, the clock, the log. */
export type SignedRouteSettings = Pick<
  VouchSignedRouteOptions<unknown>,
  'secrets' | 'toleranceSeconds' | 'maxBodyBytes' | 'nowMs'
> & { readonly logger: Logger };

/**
 * One POST route for a tenant's signed JSON deliveries (the CRM's events, a meeting provider's
 * attendance): the tenant's secret, the signature over the raw body, the timestamp's tolerance
 * and the replay guard are checked before the body is even parsed, and every refusal is typed
 * and writes nothing. Only then does `handle` see the payload.
 */
export function vouchSignedRoute<Payload>(options: VouchSignedRouteOptions<Payload>): Router {
  const router = Router();
  const replays = new ReplayGuard(options.toleranceSeconds * 2000);
  router.post(
    options.path,
    express.raw({ type: () => true, limit: options.maxBodyBytes }),
    async (req: Request<{ tenantId: string }>, res, next) => {
      try {
        const { tenantId } = req.params;
        const secret = Object.hasOwn(options.secrets, tenantId) ? options.secrets[tenantId] : undefined;
        if (secret === undefined) return refuse(res, 'UNKNOWN_TENANT');
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const refusal = verifyVouchSignature({
          tenantId,
          secret,
          header: req.get(VOUCH_SIGNATURE_HEADER),
          body,
          nowMs: options.nowMs(),
          toleranceSeconds: options.toleranceSeconds,
          replays,
        });
        if (refusal) return refuse(res, refusal);
        let payload: Payload;
        try {
          payload = options.parse(JSON.parse(body.toString('utf8')) as unknown);
        } catch (error) {
          const issues =
            error instanceof ValidationError ? error.issues : [{ field: 'body', message: 'is not JSON' }];
          return refuse(res, 'MALFORMED_PAYLOAD', { issues });
        }
        await options.handle(tenantId, payload, res);
      } catch (error) {
        next(error);
      }
    },
  );
  return router;
}

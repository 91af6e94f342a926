import type { CrmInbound } from '@vouch/application';
import { parseCrmEvent } from '@vouch/application';
import { ValidationError } from '@vouch/domain';
import express, { Router, type Request } from 'express';
import type { Logger } from 'pino';
import { refuse } from './inbound-refusal';
import { ReplayGuard } from './signed-request';
import { verifyVouchSignature, VOUCH_SIGNATURE_HEADER } from './vouch-signature';

/** The header a CRM signs its deliveries in: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const CRM_SIGNATURE_HEADER = VOUCH_SIGNATURE_HEADER;

/** Where a CRM delivers its events for a tenant. */
export const crmEventsPath = (tenantId: string): string => `/integrations/crm/${tenantId}/events`;

/**
 * POST /integrations/crm/:tenantId/events: a CRM delivers one event, signed with the tenant's
 * inbound secret. Refused with nothing written when the tenant has no secret, the signature is
 * wrong, the timestamp stale or replayed, or the payload malformed. Otherwise the receipt:
 * 200 applied (or a repeat of an earlier delivery, `duplicate: true`), 202 parked.
 */
export function crmInboundRoute(options: {
  readonly inbound: CrmInbound;
  readonly secrets: Readonly<Record<string, string>>;
  readonly toleranceSeconds: number;
  readonly maxBodyBytes: number;
  readonly nowMs: () => number;
  readonly logger: Logger;
}): Router {
  const router = Router();
  const replays = new ReplayGuard(options.toleranceSeconds * 2000);
  router.post(
    '/integrations/crm/:tenantId/events',
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
          header: req.get(CRM_SIGNATURE_HEADER),
          body,
          nowMs: options.nowMs(),
          toleranceSeconds: options.toleranceSeconds,
          replays,
        });
        if (refusal) return refuse(res, refusal);
        let event;
        try {
          event = parseCrmEvent(JSON.parse(body.toString('utf8')) as unknown);
        } catch (error) {
          const issues =
            error instanceof ValidationError ? error.issues : [{ field: 'body', message: 'is not JSON' }];
          return refuse(res, 'MALFORMED_PAYLOAD', { issues });
        }
        const delivery = await options.inbound.receive(tenantId, event);
        options.logger.info(
          {
            tenantId,
            crmEventId: event.eventId,
            status: delivery.receipt.status,
            duplicate: delivery.duplicate,
          },
          'CRM event received',
        );
        res.status(delivery.receipt.status === 'PARKED' ? 202 : 200).json(delivery);
      } catch (error) {
        next(error);
      }
    },
  );
  return router;
}

import type { CrmInbound } from '@vouch/application';
import { parseCrmEvent } from '@vouch/application';
import { ValidationError } from '@vouch/domain';
import express, { Router, type Request } from 'express';
import type { Logger } from 'pino';
import { refuse } from './inbound-refusal';
import { freshTimestamp, hmacHex, ReplayGuard, sameDigest } from './signed-request';

/** The header a CRM signs its deliveries in: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const CRM_SIGNATURE_HEADER = 'vouch-signature';

/** Where a CRM delivers its events for a tenant. */
export const crmEventsPath = (tenantId: string): string => `/integrations/crm/${tenantId}/events`;

/** The timestamp and the v1 signatures of a signature header (several while a secret rotates). */
function signatureParts(header: string | undefined): { t: string; v1: string[] } | undefined {
  if (!header || header.length > 1000) return undefined;
  const parts = header.split(',').map((p) => p.trim().split('='));
  const t = parts.find(([k]) => k === 't')?.[1];
  const v1 = parts.filter(([k, v]) => k === 'v1' && v !== undefined).map(([, v]) => v as string);
  return t !== undefined && v1.length > 0 ? { t, v1 } : undefined;
}

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
        const signed = signatureParts(req.get(CRM_SIGNATURE_HEADER));
        if (!signed) return refuse(res, 'BAD_SIGNATURE');
        const expected = hmacHex(secret, Buffer.concat([Buffer.from(`${signed.t}.`), body]));
        if (!signed.v1.some((given) => sameDigest(expected, given))) return refuse(res, 'BAD_SIGNATURE');
        const now = options.nowMs();
        if (!freshTimestamp(signed.t, now, options.toleranceSeconds)) return refuse(res, 'STALE_TIMESTAMP');
        if (!replays.firstSighting(`${tenantId}:${expected}`, now)) return refuse(res, 'REPLAYED');
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

import type { CrmInbound } from '@vouch/application';
import { parseCrmEvent } from '@vouch/application';
import type { Router } from 'express';
import { VOUCH_SIGNATURE_HEADER } from './vouch-signature';
import { vouchSignedRoute, type SignedRouteSettings } from './vouch-signed-route';

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
export function crmInboundRoute(options: SignedRouteSettings & { readonly inbound: CrmInbound }): Router {
  return vouchSignedRoute({
    ...options,
    path: '/integrations/crm/:tenantId/events',
    parse: parseCrmEvent,
    handle: async (tenantId, event, res) => {
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
    },
  });
}

import type { MeetingAttendanceInbound } from '@vouch/application';
import { parseAttendanceSignal } from '@vouch/application';
import { DomainError, ValidationError } from '@vouch/domain';
import type { Response, Router } from 'express';
import { refuse } from './inbound-refusal';
import { vouchSignedRoute, type SignedRouteSettings } from './vouch-signed-route';

/** Where a meeting provider posts a tenant's attendance signals. */
export const meetingAttendancePath = (tenantId: string): string =>
  `/integrations/meetings/${tenantId}/attendance`;

/** The HTTP status of the domain's refusals of a signal (no such request, no picked call, once only). */
const DOMAIN_STATUS: Readonly<Record<string, number>> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  INVALID_TRANSITION: 409,
};

/** Answers a domain refusal (nothing was written) in the API's error shape, with its code. */
function refuseByDomain(res: Response, error: DomainError): void {
  res.status(DOMAIN_STATUS[error.code] ?? 409).json({
    errors: [{ message: error.message, extensions: { code: error.code, ...error.details } }],
  });
}

/**
 * POST /integrations/meetings/:tenantId/attendance: a meeting provider says whether a scheduled
 * reference call took place, signed like the CRM's deliveries (`vouch-signature`, the tenant's
 * meeting secret). `attended: true` confirms attendance as MEETING_PROVIDER (200, `CONFIRMED`;
 * a second delivery of the same eventId is `duplicate: true`); `attended: false` is noted and
 * confirms nothing (200, `NOTED`). Every refusal is typed and writes nothing.
 */
export function meetingAttendanceRoute(
  options: SignedRouteSettings & { readonly inbound: MeetingAttendanceInbound },
): Router {
  return vouchSignedRoute({
    ...options,
    path: '/integrations/meetings/:tenantId/attendance',
    parse: parseAttendanceSignal,
    handle: async (tenantId, signal, res) => {
      try {
        const receipt = await options.inbound.receive(tenantId, signal);
        options.logger.info(
          { tenantId, meetingEventId: signal.eventId, requestId: signal.requestId, status: receipt.status },
          'meeting attendance received',
        );
        res.json(receipt);
      } catch (error) {
        if (error instanceof ValidationError)
          return refuse(res, 'MALFORMED_PAYLOAD', { issues: error.issues });
        if (error instanceof DomainError) return refuseByDomain(res, error);
        throw error;
      }
    },
  });
}

import { ChatIntake, CrmInbound, MeetingAttendanceInbound, type Vouch } from '@vouch/application';
import { Router } from 'express';
import type { Logger } from 'pino';
import type { TokenVerifier } from '../auth/token-verifier';
import { chatIntakeRoute } from './chat-intake-route';
import { crmInboundRoute } from './crm-inbound-route';
import { crmInboxRoutes } from './crm-inbox-routes';
import type { InboundOptions } from './inbound-options';
import { meetingAttendanceRoute } from './meeting-attendance-route';

/** The inbound integrations mounted on the server, and the parked-event retries they run. */
export interface InboundIntegrations {
  readonly router: Router;
  readonly crm: CrmInbound;
  /** Stops retrying parked events. */
  stop(): void;
}

/** Builds the CRM endpoint, its inbox for ADMIN/PM, meeting attendance and chat intake, as configured. */
export function inboundIntegrations(options: {
  readonly vouch: Vouch;
  readonly inbound: InboundOptions;
  readonly verify: TokenVerifier;
  readonly maxBodyBytes: number;
  readonly logger: Logger;
}): InboundIntegrations {
  const { vouch, inbound, logger } = options;
  const toleranceSeconds = inbound.toleranceSeconds ?? 300;
  const nowMs = inbound.nowMs ?? Date.now;
  const crm = new CrmInbound(vouch);
  const router = Router();
  const crmSecrets = inbound.crmSecrets ?? {};
  router.use(
    crmInboundRoute({
      inbound: crm,
      secrets: crmSecrets,
      toleranceSeconds,
      maxBodyBytes: options.maxBodyBytes,
      nowMs,
      logger,
    }),
  );
  router.use(crmInboxRoutes(crm, options.verify));
  router.use(
    meetingAttendanceRoute({
      inbound: new MeetingAttendanceInbound(vouch),
      secrets: inbound.meetingSecrets ?? {},
      toleranceSeconds,
      maxBodyBytes: options.maxBodyBytes,
      nowMs,
      logger,
    }),
  );
  router.use(
    chatIntakeRoute({
      intake: new ChatIntake(vouch, inbound.chatCurrency ? { currency: inbound.chatCurrency } : {}),
      tenants: inbound.chat ?? {},
      toleranceSeconds,
      maxBodyBytes: options.maxBodyBytes,
      nowMs,
      logger,
    }),
  );
  // Parked events wait for their account: retried on a timer for every tenant with a CRM secret.
  const retryMs = inbound.parkedRetryMs ?? 60_000;
  let sweeping = false;
  const timer =
    retryMs > 0 && Object.keys(crmSecrets).length > 0
      ? setInterval(() => {
          if (sweeping) return;
          sweeping = true;
          Promise.all(Object.keys(crmSecrets).map((tenantId) => crm.retryParked(tenantId)))
            .catch((error: unknown) => logger.warn({ err: error }, 'retrying parked CRM events failed'))
            .finally(() => {
              sweeping = false;
            });
        }, retryMs)
      : undefined;
  timer?.unref();
  return { router, crm, stop: () => clearInterval(timer) };
}

import type { ChatIntake } from '@vouch/application';
import { parseSlashRequest, SLASH_USAGE } from '@vouch/application';
import { DomainError } from '@vouch/domain';
import express, { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { ChatTenantOptions } from './inbound-options';
import { refuse } from './inbound-refusal';
import { freshTimestamp, hmacHex, ReplayGuard, sameDigest } from './signed-request';

/** Where a chat workspace posts a tenant's slash commands. */
export const chatSlashPath = (tenantId: string): string => `/integrations/chat/${tenantId}/slash`;

/** A slash-command answer only the asking user sees, with the machine-readable part beside it. */
function answer(res: Response, text: string, vouch: Readonly<Record<string, unknown>>): void {
  res.json({ response_type: 'ephemeral', text, vouch });
}

/**
 * POST /integrations/chat/:tenantId/slash: a Slack-style slash command ("/reference call
 * healthcare EMEA for opp 123"), verified as Slack signs it (`X-Slack-Signature: v0=` HMAC-SHA256
 * of `v0:<timestamp>:<body>`, `X-Slack-Request-Timestamp` within the tolerance). The chat user
 * acts as the Vouch user the tenant maps them to, through the facade; an unmapped user is refused.
 */
export function chatIntakeRoute(options: {
  readonly intake: ChatIntake;
  readonly tenants: Readonly<Record<string, ChatTenantOptions>>;
  readonly toleranceSeconds: number;
  readonly maxBodyBytes: number;
  readonly nowMs: () => number;
  readonly logger: Logger;
}): Router {
  const router = Router();
  const replays = new ReplayGuard(options.toleranceSeconds * 2000);
  router.post(
    '/integrations/chat/:tenantId/slash',
    express.raw({ type: () => true, limit: options.maxBodyBytes }),
    async (req: Request<{ tenantId: string }>, res, next) => {
      try {
        const { tenantId } = req.params;
        const tenant = Object.hasOwn(options.tenants, tenantId) ? options.tenants[tenantId] : undefined;
        if (!tenant) return refuse(res, 'UNKNOWN_TENANT');
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const timestamp = req.get('x-slack-request-timestamp') ?? '';
        const signature = req.get('x-slack-signature') ?? '';
        const expected = `v0=${hmacHex(tenant.signingSecret, Buffer.concat([Buffer.from(`v0:${timestamp}:`), body]))}`;
        if (!sameDigest(expected, signature)) return refuse(res, 'BAD_SIGNATURE');
        const now = options.nowMs();
        if (!freshTimestamp(timestamp, now, options.toleranceSeconds)) return refuse(res, 'STALE_TIMESTAMP');
        if (!replays.firstSighting(`${tenantId}:${expected}`, now)) return refuse(res, 'REPLAYED');
        const form = new URLSearchParams(body.toString('utf8'));
        const chatUser = form.get('user_id') ?? '';
        const mapped = Object.hasOwn(tenant.users, chatUser) ? tenant.users[chatUser] : undefined;
        if (!mapped) {
          return answer(
            res,
            'Your chat account is not linked to a Vouch user: ask your Vouch admin to link it.',
            {
              code: 'UNMAPPED_CHAT_USER',
            },
          );
        }
        const ask = parseSlashRequest(form.get('text') ?? '');
        if (!ask) return answer(res, SLASH_USAGE, { code: 'USAGE' });
        try {
          const { requestId, status } = await options.intake.submit({ tenantId, ...mapped }, ask);
          options.logger.info({ tenantId, userId: mapped.userId, requestId }, 'chat request submitted');
          return answer(res, `Reference request ${requestId} is ${status}: the reference program has it.`, {
            requestId,
            status,
          });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          return answer(res, `Vouch could not open the request: ${error.message}`, { code: error.code });
        }
      } catch (error) {
        next(error);
      }
    },
  );
  return router;
}

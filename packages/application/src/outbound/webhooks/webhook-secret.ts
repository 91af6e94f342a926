import { createHmac } from 'node:crypto';
import { formatWebhookSecret } from './webhook-signature';

/**
 * A subscription's signing secret, derived from the operator's webhook key (configuration,
 * never the database), the subscription and the nonce of its latest rotation. The secret is
 * shown once and never stored: the log holds only the nonce, useless without the key, and a
 * rotation (a new nonce) ends the old secret for good.
 */
export function deriveWebhookSecret(
  operatorKey: string,
  tenantId: string,
  subscriptionId: string,
  nonce: string,
): string {
  const bytes = createHmac('sha256', operatorKey)
    .update(['vouch-webhook-secret', tenantId, subscriptionId, nonce].join('\u0000'))
    .digest();
  return formatWebhookSecret(bytes);
}

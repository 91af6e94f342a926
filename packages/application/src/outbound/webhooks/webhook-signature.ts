import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'whsec_';

/** The headers of one signed delivery, per the Standard Webhooks specification. */
export interface WebhookSignatureHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

function secretBytes(secret: string): Buffer {
  if (!secret.startsWith(PREFIX)) throw new RangeError('A webhook secret starts with whsec_.');
  return Buffer.from(secret.slice(PREFIX.length), 'base64');
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` under the secret's bytes. */
export function signWebhook(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string,
): WebhookSignatureHeaders {
  const mac = createHmac('sha256', secretBytes(secret))
    .update(`${id}.${timestampSeconds}.${body}`)
    .digest('base64');
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': `v1,${mac}`,
  };
}

/** Whether one of the space-separated `v1,` signatures matches (for receivers written against Vouch). */
export function verifyWebhookSignature(
  secret: string,
  headers: WebhookSignatureHeaders,
  body: string,
): boolean {
  const expected = Buffer.from(
    signWebhook(secret, headers['webhook-id'], Number(headers['webhook-timestamp']), body)[
      'webhook-signature'
    ],
  );
  return headers['webhook-signature'].split(' ').some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** A fresh secret in the Standard Webhooks form: `whsec_` and 32 random-looking bytes in base64. */
export function formatWebhookSecret(bytes: Buffer): string {
  return `${PREFIX}${bytes.toString('base64')}`;
}

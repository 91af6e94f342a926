import { createHmac } from 'node:crypto';

/** Unix seconds now. */
export const unixNow = (): number => Math.floor(Date.now() / 1000);

/** The `vouch-signature` header a CRM sends: `t=<unix seconds>,v1=<HMAC-SHA256 of "<t>.<body>">`. */
export function crmSignature(secret: string, body: string, timestamp = unixNow()): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

/** The headers Slack signs a slash command with (`v0=` HMAC-SHA256 of `v0:<timestamp>:<body>`). */
export function slackHeaders(secret: string, body: string, timestamp = unixNow()): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': `v0=${signature}`,
  };
}

/** POSTs a raw body and returns the status and the JSON answer. */
export async function postRaw(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', body, headers });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

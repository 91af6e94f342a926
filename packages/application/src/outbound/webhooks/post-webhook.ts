import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { checkDestination, type DestinationPolicy } from './destination-guard';

/** How one HTTP attempt went. */
export type PostOutcome =
  | { readonly ok: true; readonly responseCode: number }
  | { readonly ok: false; readonly responseCode?: number; readonly error: string };

export interface PostLimits {
  /** Connect + response deadline; default 10 s. */
  readonly timeoutMs?: number;
  /** The receiver's answer is read up to this many bytes, then the connection is cut; default 64 KiB. */
  readonly maxResponseBytes?: number;
}

/**
 * POSTs one body to a webhook URL. The host is resolved and checked again now (a DNS answer
 * may have changed since the subscription was made) and the connection goes to the checked
 * address, never to a fresh lookup; redirects are not followed (a 3xx is a failure).
 */
export async function postWebhook(
  rawUrl: string,
  headers: Readonly<Record<string, string>>,
  body: string,
  policy: DestinationPolicy,
  limits: PostLimits = {},
): Promise<PostOutcome> {
  let checked;
  try {
    checked = await checkDestination(rawUrl, policy);
  } catch (error) {
    return {
      ok: false,
      error: `refused: ${(error as Error).message.replace(/^The command is invalid: /, '')}`,
    };
  }
  const address = checked.addresses[0]!;
  const pinned: LookupFunction = (_host, options, callback) => {
    const family = isIP(address);
    if ((options as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address, family },
      ]);
    } else callback(null, address, family);
  };
  const { url } = checked;
  const options: RequestOptions = {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
    timeout: limits.timeoutMs ?? 10_000,
    lookup: pinned,
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const maxBytes = limits.maxResponseBytes ?? 64 * 1024;
  return new Promise<PostOutcome>((resolve) => {
    const req = send(url, options, (res) => {
      const code = res.statusCode ?? 0;
      let received = 0;
      const settle = () =>
        resolve(code >= 200 && code < 300 ? { ok: true, responseCode: code } : failure(code));
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxBytes) {
          res.destroy();
          settle();
        }
      });
      res.on('end', settle);
      res.on('error', settle);
    });
    const failure = (code: number): PostOutcome => ({
      ok: false,
      responseCode: code,
      error: code >= 300 && code < 400 ? `redirect ${code} not followed` : `HTTP ${code}`,
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeout} ms`)));
    req.on('error', (error) => resolve({ ok: false, error: error.message }));
    req.end(body);
  });
}

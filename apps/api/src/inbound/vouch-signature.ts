import {
  freshTimestamp,
  hmacHex,
  sameDigest,
  type ReplayGuard,
  type SignatureRefusal,
} from './signed-request';

/** The header Vouch's own inbound endpoints are signed in: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const VOUCH_SIGNATURE_HEADER = 'vouch-signature';

/** The timestamp and the v1 signatures of a signature header (several while a secret rotates). */
function signatureParts(header: string | undefined): { t: string; v1: string[] } | undefined {
  if (!header || header.length > 1000) return undefined;
  const parts = header.split(',').map((p) => p.trim().split('='));
  const t = parts.find(([k]) => k === 't')?.[1];
  const v1 = parts.filter(([k, v]) => k === 'v1' && v !== undefined).map(([, v]) => v as string);
  return t !== undefined && v1.length > 0 ? { t, v1 } : undefined;
}

/**
 * Checks a `vouch-signature` header over the raw body with the tenant's secret: the signature,
 * then the timestamp's tolerance, then that this signed request was not seen before. Returns
 * why it is refused, or undefined when it may be read (the CRM and meeting endpoints share it).
 */
export function verifyVouchSignature(request: {
  readonly tenantId: string;
  readonly secret: string;
  readonly header: string | undefined;
  readonly body: Buffer;
  readonly nowMs: number;
  readonly toleranceSeconds: number;
  readonly replays: ReplayGuard;
}): SignatureRefusal | undefined {
  const signed = signatureParts(request.header);
  if (!signed) return 'BAD_SIGNATURE';
  const expected = hmacHex(request.secret, Buffer.concat([Buffer.from(`${signed.t}.`), request.body]));
  if (!signed.v1.some((given) => sameDigest(expected, given))) return 'BAD_SIGNATURE';
  if (!freshTimestamp(signed.t, request.nowMs, request.toleranceSeconds)) return 'STALE_TIMESTAMP';
  if (!request.replays.firstSighting(`${request.tenantId}:${expected}`, request.nowMs)) return 'REPLAYED';
  return undefined;
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/** Why a signed inbound request is refused before its body is read. */
export type SignatureRefusal = 'BAD_SIGNATURE' | 'STALE_TIMESTAMP' | 'REPLAYED';

/** HMAC-SHA256 of `message` under `secret`, hex. */
export function hmacHex(secret: string, message: string | Buffer): string {
  return createHmac('sha256', secret).update(message).digest('hex');
}

/** Compares two hex digests in constant time (different lengths simply differ). */
export function sameDigest(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Remembers the signatures seen within the tolerance window: the same signed request sent
 * again is a replay. Older requests are refused as stale anyway, so the memory stays bounded.
 * Per process: behind several instances, the CRM's event id still makes a replay write nothing.
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  constructor(private readonly windowMs: number) {}

  /** True the first time a signature is seen within the window. */
  firstSighting(signature: string, nowMs: number): boolean {
    for (const [key, expires] of this.seen) {
      if (expires > nowMs) break; // insertion order is expiry order
      this.seen.delete(key);
    }
    if (this.seen.has(signature)) return false;
    this.seen.set(signature, nowMs + this.windowMs);
    return true;
  }
}

/** A timestamp (unix seconds, as text) within `toleranceSeconds` of now. */
export function freshTimestamp(timestamp: string, nowMs: number, toleranceSeconds: number): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(nowMs / 1000 - Number(timestamp)) <= toleranceSeconds;
}

import { createHmac, hkdfSync } from 'node:crypto';

/**
 * The keyed digest shared rate limits store instead of a user id or client address
 * (invariant 10): HMAC-SHA256 under a key derived from the master key, so every instance
 * on the store computes the same digest and the table alone names no one.
 */
export function rateLimitDigest(masterKey: Buffer): (key: string) => string {
  const key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'vouch rate-limit keys', 32));
  return (value) => createHmac('sha256', key).update(value, 'utf8').digest('hex');
}

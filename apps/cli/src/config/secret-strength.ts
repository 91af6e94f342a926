/** Estimated entropy (bits) a JWT secret must have: well beyond guessing, below any random 32-byte text. */
export const MIN_SECRET_BITS = 96;

/**
 * The entropy of a text estimated from its character frequencies (Shannon, per character,
 * times its length). Random base64 or hex of 32 bytes scores far above MIN_SECRET_BITS;
 * `aaaa…`, `abab…` or a word repeated scores far below.
 */
export function estimatedEntropyBits(text: string): number {
  const characters = [...text];
  const counts = new Map<string, number>();
  for (const c of characters) counts.set(c, (counts.get(c) ?? 0) + 1);
  let perCharacter = 0;
  for (const n of counts.values()) {
    const p = n / characters.length;
    perCharacter -= p * Math.log2(p);
  }
  return perCharacter * characters.length;
}

/** Why a JWT secret is too weak to sign tokens with, or undefined when it is strong enough. */
export function jwtSecretWeakness(secret: string, source: string): string | undefined {
  const bytes = Buffer.byteLength(secret, 'utf8');
  if (bytes < 32) {
    return `${source} must be at least 32 bytes long (it has ${bytes}); generate one with \`openssl rand -base64 32\`.`;
  }
  const bits = estimatedEntropyBits(secret);
  if (bits < MIN_SECRET_BITS) {
    return `${source} is too predictable (about ${Math.floor(bits)} bits by its character frequencies; at least ${MIN_SECRET_BITS} needed); generate one with \`openssl rand -base64 32\`.`;
  }
  return undefined;
}

/** Why a master key is unfit to wrap data keys (one byte repeated, e.g. all zeros), or undefined. */
export function masterKeyWeakness(key: Buffer, source: string): string | undefined {
  if (key.every((byte) => byte === key[0])) {
    return `${source} is one byte repeated (0x${key[0]!.toString(16).padStart(2, '0')} × ${key.length}), not a key; generate one with \`openssl rand -base64 32\`.`;
  }
  return undefined;
}

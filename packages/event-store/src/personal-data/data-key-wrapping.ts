import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { canonicalJson } from '../integrity/canonical-json';

const WRAP_FORMAT = 1;

/** A wrapped data key as a repository holds it, with the subject it belongs to. */
export interface WrappedDataKey {
  readonly tenantId: string;
  readonly subjectId: string;
  readonly wrappedKey: Buffer;
}

/**
 * Wraps a data key with the master key (AES-256-GCM), bound to its tenant and subject so a
 * wrapped key moved to another subject does not unwrap.
 */
export function wrapDataKey(masterKey: Buffer, tenantId: string, subjectId: string, dataKey: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
  cipher.setAAD(wrapBinding(tenantId, subjectId));
  const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return Buffer.concat([Buffer.from([WRAP_FORMAT]), iv, cipher.getAuthTag(), body]);
}

/** Unwraps a data key; throws when the master key (or the binding) is not the one it was wrapped with. */
export function unwrapDataKey(
  masterKey: Buffer,
  tenantId: string,
  subjectId: string,
  wrapped: Buffer,
): Buffer {
  if (wrapped[0] !== WRAP_FORMAT) throw new Error(`Unknown wrapped-key format ${wrapped[0]}.`);
  const decipher = createDecipheriv('aes-256-gcm', masterKey, wrapped.subarray(1, 13));
  decipher.setAAD(wrapBinding(tenantId, subjectId));
  decipher.setAuthTag(wrapped.subarray(13, 29));
  const head = decipher.update(wrapped.subarray(29));
  const tail = decipher.final();
  // GCM returns every byte from update: no concatenation on a catch-up's one unwrap per subject.
  return tail.length === 0 ? head : Buffer.concat([head, tail]);
}

/** True when `masterKey` unwraps the key (AES-GCM authenticates, so a wrong key never passes). */
export function unwrapsWith(masterKey: Buffer, key: WrappedDataKey): boolean {
  try {
    unwrapDataKey(masterKey, key.tenantId, key.subjectId, key.wrappedKey).fill(0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The associated data of a wrapped key: the RFC 8785 text of { purpose, tenantId, subjectId }
 * with its members written in canonical order (a string's canonical text is JSON.stringify's),
 * without the generic encoder's key sort per unwrap; `data-key-wrapping.test.ts` holds the two equal.
 */
export function wrapBinding(tenantId: string, subjectId: string): Buffer {
  // Anything but two strings (a damaged row) takes the generic encoder, as it always did.
  if (typeof tenantId !== 'string' || typeof subjectId !== 'string') {
    return Buffer.from(canonicalJson({ purpose: 'vouch.data-key.v1', tenantId, subjectId }), 'utf8');
  }
  return Buffer.from(
    `{"purpose":"vouch.data-key.v1","subjectId":${JSON.stringify(subjectId)},"tenantId":${JSON.stringify(tenantId)}}`,
    'utf8',
  );
}

import type { KeyObject } from 'node:crypto';
import { createPublicKey, sign, verify } from 'node:crypto';
import type { Instant } from '@vouch/domain';
import type { Checkpoint } from '../checkpoint';
import type { StreamHead } from '../stored-event';
import { canonicalJson } from './canonical-json';
import { merkleRoot } from './merkle-tree';

export const TENANT_DIGEST_FORMAT = 'vouch.tenant-digest.v1';

/**
 * A commitment to a tenant's whole history up to a checkpoint: the RFC 6962 Merkle root
 * over the head (version and chain hash) of every stream, ordered by stream id. Any later
 * change to an event of that history changes a head, and so the root.
 */
export interface TenantDigest {
  readonly format: typeof TENANT_DIGEST_FORMAT;
  readonly tenantId: string;
  readonly checkpoint: Checkpoint;
  readonly streams: number;
  /** Hex SHA-256 Merkle root. */
  readonly merkleRoot: string;
  readonly issuedAt: Instant;
}

/** A digest with its Ed25519 signature over the digest's RFC 8785 encoding. */
export interface SignedTenantDigest {
  readonly digest: TenantDigest;
  readonly algorithm: 'Ed25519';
  /** Base64 signature. */
  readonly signature: string;
}

/** Stream heads in the digest's leaf order: by stream id (UTF-16 code units). */
export function orderedHeads(heads: readonly StreamHead[]): StreamHead[] {
  return [...heads].sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
}

/** The Merkle leaf of one stream head: the RFC 8785 text of its id, version and hash. */
export function streamHeadLeaf(head: StreamHead): Buffer {
  return Buffer.from(
    canonicalJson({ streamId: head.streamId, version: head.version, hash: head.hash }),
    'utf8',
  );
}

/** The Merkle root (hex) over stream heads, in stream-id order (UTF-16 code units). */
export function streamHeadsRoot(heads: readonly StreamHead[]): string {
  return merkleRoot(orderedHeads(heads).map(streamHeadLeaf)).toString('hex');
}

/** Builds the (unsigned) digest of a tenant from its stream heads at a checkpoint. */
export function tenantDigest(
  tenantId: string,
  checkpoint: Checkpoint,
  heads: readonly StreamHead[],
  issuedAt: Instant,
): TenantDigest {
  return {
    format: TENANT_DIGEST_FORMAT,
    tenantId,
    checkpoint,
    streams: heads.length,
    merkleRoot: streamHeadsRoot(heads),
    issuedAt,
  };
}

/** Signs a digest with an Ed25519 private key (KeyObject or PEM). */
export function signTenantDigest(digest: TenantDigest, privateKey: KeyObject | string): SignedTenantDigest {
  const signature = sign(null, Buffer.from(canonicalJson(digest), 'utf8'), privateKey);
  return { digest, algorithm: 'Ed25519', signature: signature.toString('base64') };
}

/**
 * Checks a signed digest offline with nothing but the signer's public key (KeyObject or
 * PEM): false when the signature is not the key's, or any field of the digest was changed.
 */
export function verifySignedTenantDigest(signed: SignedTenantDigest, publicKey: KeyObject | string): boolean {
  if (signed.algorithm !== 'Ed25519' || signed.digest?.format !== TENANT_DIGEST_FORMAT) return false;
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  if (key.asymmetricKeyType !== 'ed25519') return false;
  try {
    return verify(
      null,
      Buffer.from(canonicalJson(signed.digest), 'utf8'),
      key,
      Buffer.from(signed.signature, 'base64'),
    );
  } catch {
    return false;
  }
}

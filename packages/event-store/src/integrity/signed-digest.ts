import type { KeyObject } from 'node:crypto';
import { createHash, createPublicKey, sign, verify } from 'node:crypto';
import type { Instant } from '@vouch/domain';
import type { Checkpoint } from '../checkpoint';
import type { StreamHead } from '../stored-event';
import { canonicalJson } from './canonical-json';
import { GENESIS_HASH } from './event-hash';
import { merkleInclusionProof, type MerkleInclusionProof } from './merkle-tree';
import { orderedHeads, streamHeadLeaf, streamHeadsRoot } from './tenant-digest';

export const SIGNED_DIGEST_FORMAT = 'vouch.signed-digest.v1';

/** Why the product signed: on its schedule, after an erasure, or because an admin asked. */
export const DIGEST_REASONS = ['scheduled', 'erasure', 'on-demand'] as const;
export type DigestReason = (typeof DIGEST_REASONS)[number];

/**
 * What the signing key signs: the Merkle root over every stream head of a tenant at a
 * checkpoint, chained to the previous signed digest by its hash, so that removing or
 * replacing an earlier digest breaks every later one.
 */
export interface DigestStatement {
  readonly format: typeof SIGNED_DIGEST_FORMAT;
  readonly tenantId: string;
  /** 1 for the tenant's first signed digest, then one more each time. */
  readonly sequence: number;
  readonly checkpoint: Checkpoint;
  readonly streams: number;
  /** Hex RFC 6962 Merkle root over the heads, in stream-id order. */
  readonly merkleRoot: string;
  /** `signedDigestHash` of the previous digest; 64 zeros for the first. */
  readonly previousDigestHash: string;
  readonly issuedAt: Instant;
  readonly reason: DigestReason;
  /** `publicKeyId` of the signing key. */
  readonly keyId: string;
}

/** A signed statement with the stream heads its root commits to. */
export interface SignedDigest {
  readonly statement: DigestStatement;
  readonly algorithm: 'Ed25519';
  /** Base64 Ed25519 signature over the statement's RFC 8785 text. */
  readonly signature: string;
  /** Not signed one by one: they must recompute to the signed root, which is checked. */
  readonly heads: readonly StreamHead[];
}

/** What to sign. */
export interface DigestInput {
  readonly tenantId: string;
  readonly checkpoint: Checkpoint;
  readonly heads: readonly StreamHead[];
  readonly issuedAt: Instant;
  readonly reason: DigestReason;
  /** The tenant's latest signed digest, which the new one chains to. */
  readonly previous?: SignedDigest;
}

/** A short, stable id of an Ed25519 public key: `ed25519:` and 16 hex of the SHA-256 of its SPKI. */
export function publicKeyId(key: KeyObject | string): string {
  // A private key's public half is derived; a public key is taken as it is.
  const publicKey = typeof key === 'string' || key.type === 'private' ? createPublicKey(key) : key;
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return `ed25519:${createHash('sha256').update(spki).digest('hex').slice(0, 16)}`;
}

/** The hash (hex SHA-256) that the next digest chains to: over statement, algorithm and signature. */
export function signedDigestHash(signed: SignedDigest): string {
  const text = canonicalJson({
    algorithm: signed.algorithm,
    signature: signed.signature,
    statement: signed.statement,
  });
  return createHash('sha256').update(text).digest('hex');
}

/** Signs the next digest of a tenant's chain with an Ed25519 private key. */
export function signDigest(input: DigestInput, privateKey: KeyObject): SignedDigest {
  if (privateKey.asymmetricKeyType !== 'ed25519' || privateKey.type !== 'private') {
    throw new TypeError('A digest is signed with an Ed25519 private key.');
  }
  if (input.previous && input.previous.statement.tenantId !== input.tenantId) {
    throw new TypeError('A digest chains only to a digest of the same tenant.');
  }
  const heads = orderedHeads(input.heads);
  const statement: DigestStatement = {
    format: SIGNED_DIGEST_FORMAT,
    tenantId: input.tenantId,
    sequence: input.previous ? input.previous.statement.sequence + 1 : 1,
    checkpoint: input.checkpoint,
    streams: heads.length,
    merkleRoot: streamHeadsRoot(heads),
    previousDigestHash: input.previous ? signedDigestHash(input.previous) : GENESIS_HASH,
    issuedAt: input.issuedAt,
    reason: input.reason,
    keyId: publicKeyId(createPublicKey(privateKey)),
  };
  const signature = sign(null, Buffer.from(canonicalJson(statement), 'utf8'), privateKey);
  return { statement, algorithm: 'Ed25519', signature: signature.toString('base64'), heads };
}

/**
 * Checks one signed digest with nothing but the public key: its signature, its key id and
 * that its heads recompute to the signed root. Returns what is wrong, or undefined.
 */
export function signedDigestProblem(signed: SignedDigest, publicKey: KeyObject | string): string | undefined {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  if (key.asymmetricKeyType !== 'ed25519') return 'the public key is not an Ed25519 key';
  const { statement } = signed;
  if (signed.algorithm !== 'Ed25519' || statement?.format !== SIGNED_DIGEST_FORMAT) {
    return `it is not a ${SIGNED_DIGEST_FORMAT} digest`;
  }
  if (statement.keyId !== publicKeyId(key)) {
    return `it names key ${statement.keyId}, not the given public key ${publicKeyId(key)}`;
  }
  let valid: boolean;
  try {
    valid = verify(
      null,
      Buffer.from(canonicalJson(statement), 'utf8'),
      key,
      Buffer.from(signed.signature, 'base64'),
    );
  } catch {
    valid = false;
  }
  if (!valid) return 'its signature does not verify with the public key: it was changed or forged';
  if (signed.heads.length !== statement.streams || streamHeadsRoot(signed.heads) !== statement.merkleRoot) {
    return 'the stream heads kept with it do not recompute to its signed Merkle root';
  }
  return undefined;
}

/** Where a chain of signed digests first fails, if it does. */
export interface DigestChainBreak {
  readonly sequence: number;
  readonly problem: string;
}

/**
 * Checks a tenant's signed digests, oldest first: each verifies on its own, the sequence
 * has no gap and each names the hash of the one before it.
 */
export function digestChainBreak(
  digests: readonly SignedDigest[],
  publicKey: KeyObject | string,
): DigestChainBreak | undefined {
  let previous: SignedDigest | undefined;
  for (const [index, signed] of digests.entries()) {
    const expected = index + 1;
    const sequence = signed.statement?.sequence ?? expected;
    if (sequence !== expected) {
      return {
        sequence: expected,
        problem: `signed digest #${expected} is missing (found #${sequence} there)`,
      };
    }
    const problem = signedDigestProblem(signed, publicKey);
    if (problem) return { sequence, problem: `signed digest #${sequence}: ${problem}` };
    const previousHash = previous ? signedDigestHash(previous) : GENESIS_HASH;
    if (signed.statement.previousDigestHash !== previousHash) {
      return {
        sequence,
        problem: `signed digest #${sequence} does not chain to #${sequence - 1}: an earlier digest was replaced`,
      };
    }
    if (previous && signed.statement.checkpoint < previous.statement.checkpoint) {
      return { sequence, problem: `signed digest #${sequence} covers less of the log than #${sequence - 1}` };
    }
    previous = signed;
  }
  return undefined;
}

/** A stream head with the proof that the signed root commits to it. */
export interface StreamHeadProof {
  readonly head: StreamHead;
  readonly merkleRoot: string;
  readonly proof: MerkleInclusionProof;
}

/** Proves that a signed digest covers a stream's head (RFC 9162 inclusion proof); undefined when not covered. */
export function proveStreamHead(signed: SignedDigest, streamId: string): StreamHeadProof | undefined {
  const heads = orderedHeads(signed.heads);
  const index = heads.findIndex((head) => head.streamId === streamId);
  if (index < 0) return undefined;
  return {
    head: heads[index]!,
    merkleRoot: signed.statement.merkleRoot,
    proof: merkleInclusionProof(heads.map(streamHeadLeaf), index),
  };
}

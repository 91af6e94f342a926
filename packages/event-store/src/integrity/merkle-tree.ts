import { createHash } from 'node:crypto';

// RFC 6962 §2.1 domain separation: leaves and inner nodes can never be confused.
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** RFC 6962 leaf hash: SHA-256(0x00 || leaf). */
export function merkleLeafHash(leaf: Buffer): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(leaf).digest();
}

function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/**
 * The RFC 6962 Merkle Tree Hash of a list of leaves: the empty list hashes to SHA-256 of
 * nothing; otherwise the list splits at the largest power of two smaller than its length.
 */
export function merkleRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return createHash('sha256').digest();
  return subtreeRoot(leaves.map(merkleLeafHash));
}

function subtreeRoot(hashes: readonly Buffer[]): Buffer {
  if (hashes.length === 1) return hashes[0]!;
  const split = largestPowerOfTwoBelow(hashes.length);
  return nodeHash(subtreeRoot(hashes.slice(0, split)), subtreeRoot(hashes.slice(split)));
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** An RFC 9162 (§2.1.3) inclusion proof: the sibling hashes from a leaf up to the root. */
export interface MerkleInclusionProof {
  /** The leaf's zero-based index among the tree's leaves. */
  readonly index: number;
  readonly treeSize: number;
  /** Hex sibling hashes, leaf level first. */
  readonly path: readonly string[];
}

/** The audit path (RFC 6962 §2.1.1) proving that leaf `index` is in the tree of `leaves`. */
export function merkleInclusionProof(leaves: readonly Buffer[], index: number): MerkleInclusionProof {
  if (!Number.isSafeInteger(index) || index < 0 || index >= leaves.length) {
    throw new RangeError(`Leaf ${index} is not in a tree of ${leaves.length} leaves.`);
  }
  const path: Buffer[] = [];
  const walk = (hashes: readonly Buffer[], at: number): void => {
    if (hashes.length === 1) return;
    const split = largestPowerOfTwoBelow(hashes.length);
    if (at < split) {
      walk(hashes.slice(0, split), at);
      path.push(subtreeRoot(hashes.slice(split)));
    } else {
      walk(hashes.slice(split), at - split);
      path.push(subtreeRoot(hashes.slice(0, split)));
    }
  };
  walk(leaves.map(merkleLeafHash), index);
  return { index, treeSize: leaves.length, path: path.map((hash) => hash.toString('hex')) };
}

/**
 * Checks an inclusion proof against a root (hex) with the RFC 9162 §2.1.3.2 algorithm:
 * true only when the leaf sits at the proof's index of a tree with that root.
 */
export function verifyMerkleInclusion(leaf: Buffer, proof: MerkleInclusionProof, root: string): boolean {
  const { index, treeSize, path } = proof;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) {
    return false;
  }
  let fn = index;
  let sn = treeSize - 1;
  let hash = merkleLeafHash(leaf);
  for (const siblingHex of path) {
    if (!/^[0-9a-f]{64}$/.test(siblingHex) || sn === 0) return false;
    const sibling = Buffer.from(siblingHex, 'hex');
    if (fn % 2 === 1 || fn === sn) {
      hash = nodeHash(sibling, hash);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      hash = nodeHash(hash, sibling);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && hash.toString('hex') === root;
}

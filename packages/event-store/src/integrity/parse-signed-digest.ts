import type { Checkpoint } from '../checkpoint';
import type { StreamHead } from '../stored-event';
import type { DigestStatement, SignedDigest } from './signed-digest';
import { DIGEST_REASONS, SIGNED_DIGEST_FORMAT } from './signed-digest';

/** A signed digest (a file, a row) that does not have the shape of one. */
export class MalformedDigestError extends Error {
  override readonly name = 'MalformedDigestError';
  readonly code = 'MALFORMED_DIGEST';
}

const HEX64 = /^[0-9a-f]{64}$/;
const CHECKPOINT = /^\d{16}$/;

/**
 * Reads a signed digest from parsed JSON, refusing anything not shaped like one (its
 * signature is checked separately, with the public key).
 */
export function parseSignedDigest(value: unknown, source: string): SignedDigest {
  const fail = (what: string): never => {
    throw new MalformedDigestError(`${source} is not a signed digest: ${what}.`);
  };
  const record = asObject(value) ?? fail('not a JSON object');
  const statement = asObject(record.statement) ?? fail('no statement');
  const text = (name: keyof DigestStatement, pattern?: RegExp): string => {
    const field = statement[name];
    if (typeof field !== 'string' || (pattern && !pattern.test(field)))
      fail(`statement.${name} is missing or malformed`);
    return field as string;
  };
  const count = (name: keyof DigestStatement, min: number): number => {
    const field = statement[name];
    if (typeof field !== 'number' || !Number.isSafeInteger(field) || field < min) {
      fail(`statement.${name} is not a whole number ≥ ${min}`);
    }
    return field as number;
  };
  if (statement.format !== SIGNED_DIGEST_FORMAT) fail(`statement.format is not ${SIGNED_DIGEST_FORMAT}`);
  const reason = DIGEST_REASONS.find((r) => r === statement.reason) ?? fail('statement.reason is unknown');
  if (record.algorithm !== 'Ed25519') fail('algorithm is not Ed25519');
  if (typeof record.signature !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(record.signature)) {
    fail('signature is not base64');
  }
  if (!Array.isArray(record.heads)) fail('heads is not a list');
  const heads: StreamHead[] = (record.heads as unknown[]).map((item, index) => {
    const head = asObject(item);
    if (
      !head ||
      typeof head.streamId !== 'string' ||
      typeof head.version !== 'number' ||
      !Number.isSafeInteger(head.version) ||
      head.version < 1 ||
      typeof head.hash !== 'string' ||
      !HEX64.test(head.hash)
    ) {
      return fail(`heads[${index}] is not a stream head`);
    }
    return { streamId: head.streamId, version: head.version, hash: head.hash };
  });
  return {
    statement: {
      format: SIGNED_DIGEST_FORMAT,
      tenantId: text('tenantId'),
      sequence: count('sequence', 1),
      checkpoint: text('checkpoint', CHECKPOINT) as Checkpoint,
      streams: count('streams', 0),
      merkleRoot: text('merkleRoot', HEX64),
      previousDigestHash: text('previousDigestHash', HEX64),
      issuedAt: text('issuedAt'),
      reason,
      keyId: text('keyId'),
    },
    algorithm: 'Ed25519',
    signature: record.signature as string,
    heads,
  };
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

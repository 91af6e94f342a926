import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SignedDigest } from '@vouch/event-store';
import { MalformedDigestError, parseSignedDigest, publicKeyId } from '@vouch/event-store';
import { ConfigError } from '../config/config-error';

export const DIGEST_EXPORT_FORMAT = 'vouch.digest-export.v1';

/** What `vouch digest export` writes and a reviewer keeps outside the system. */
export interface DigestExportFile {
  readonly format: typeof DIGEST_EXPORT_FORMAT;
  readonly exportedAt: string;
  readonly tenantId: string;
  readonly keyId: string;
  /** The public key (PEM, SPKI) that checks the signature. */
  readonly publicKey: string;
  readonly digest: SignedDigest;
  readonly howToVerify: string;
}

/** The export of a signed digest with the public key that checks it. */
export function digestExportFile(
  digest: SignedDigest,
  publicKey: KeyObject,
  exportedAt: string,
): DigestExportFile {
  return {
    format: DIGEST_EXPORT_FORMAT,
    exportedAt,
    tenantId: digest.statement.tenantId,
    keyId: publicKeyId(publicKey),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    digest,
    howToVerify:
      'vouch verify --tenant <tenant> --digest <this file> [--public-key <PEM file>] against a copy of the store (--store sqlite --data-dir <dir>, or --store postgres --database-url <url>).',
  };
}

/** A kept digest read from a file: an export (with its public key) or a bare signed digest. */
export interface KeptDigest {
  readonly digest: SignedDigest;
  readonly publicKey?: KeyObject;
  readonly file: string;
}

/** Reads a kept digest file; a file that is not one is a usage error (exit 2). */
export function readKeptDigest(file: string): KeptDigest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError([`--digest ${file} cannot be read as JSON: ${(error as Error).message}`]);
  }
  try {
    const record = parsed as Partial<DigestExportFile>;
    if (record?.format === DIGEST_EXPORT_FORMAT) {
      return {
        digest: parseSignedDigest(record.digest, file),
        ...(typeof record.publicKey === 'string'
          ? { publicKey: readPublicKeyText(record.publicKey, file) }
          : {}),
        file,
      };
    }
    return { digest: parseSignedDigest(parsed, file), file };
  } catch (error) {
    if (error instanceof MalformedDigestError) throw new ConfigError([error.message]);
    throw error;
  }
}

/** Reads an Ed25519 public key (PEM) from a file; a usage error when it is not one. */
export function readPublicKeyFile(file: string): KeyObject {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([`--public-key ${file} cannot be read: ${(error as Error).message}`]);
  }
  return readPublicKeyText(text, file);
}

function readPublicKeyText(text: string, source: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(text);
  } catch {
    throw new ConfigError([`${source} does not hold a public key (PEM).`]);
  }
  if (key.type !== 'public' || key.asymmetricKeyType !== 'ed25519') {
    throw new ConfigError([`${source} must hold an Ed25519 public key.`]);
  }
  return key;
}

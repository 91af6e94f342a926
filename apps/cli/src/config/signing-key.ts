import type { KeyObject } from 'node:crypto';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config-error';
import { checkPrivate, type Secret, type SecretOptions } from './secrets';

type Env = Readonly<Record<string, string | undefined>>;

const SIGNING_KEY_FILE = 'signing.key';

/**
 * The Ed25519 key the product signs digests with (invariant 12): VOUCH_SIGNING_KEY (PEM,
 * or base64 of the PKCS#8 DER), else `signing.key` in the data directory (PEM, mode 0600),
 * else, in development only, a new one (kept there by `keepGenerated`). It never goes into the database.
 */
export function resolveSigningKey(env: Env, dataDir: string, options: SecretOptions): Secret<KeyObject> {
  const fromEnv = env.VOUCH_SIGNING_KEY?.trim();
  if (fromEnv) return { value: decodeSigningKey(fromEnv, 'VOUCH_SIGNING_KEY'), source: 'environment' };
  const file = join(dataDir, SIGNING_KEY_FILE);
  if (existsSync(file)) {
    checkPrivate(file);
    return { value: decodeSigningKey(readFileSync(file, 'utf8').trim(), file), source: 'file', file };
  }
  if (!options.generate) {
    throw new ConfigError([
      `No signing key: set VOUCH_SIGNING_KEY or put an Ed25519 private key (PEM) in ${file}, e.g. \`openssl genpkey -algorithm ed25519 -out ${file}\`.`,
    ]);
  }
  // Made in memory only: `keepGenerated` writes it once the store accepted its master key.
  const { privateKey } = generateKeyPairSync('ed25519');
  const fileText = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { value: privateKey, source: 'generated', file, fileText };
}

/** Reads an Ed25519 private key from PEM (`\n` escapes allowed, as env files write them) or base64 DER. */
export function decodeSigningKey(text: string, source: string): KeyObject {
  let key: KeyObject;
  try {
    key = text.includes('-----BEGIN')
      ? createPrivateKey(text.replace(/\\n/g, '\n'))
      : createPrivateKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'pkcs8' });
  } catch {
    throw new ConfigError([`${source} is not a private key (PEM, or base64 of PKCS#8 DER).`]);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new ConfigError([
      `${source} must be an Ed25519 key (it is ${key.asymmetricKeyType ?? 'another kind'}).`,
    ]);
  }
  return key;
}

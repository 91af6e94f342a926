import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config-error';
import { ensureDataDir } from './data-dir';

type Env = Readonly<Record<string, string | undefined>>;

const MASTER_KEY_FILE = 'master.key';
const JWT_SECRET_FILE = 'jwt.secret';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Where a secret came from, for the start-up report (never the secret itself). */
export interface Secret<T> {
  readonly value: T;
  readonly source: 'environment' | 'file' | 'generated';
  readonly file?: string;
}

/** What to do when neither the environment nor the data directory holds the secret. */
export interface SecretOptions {
  /** Generate one and keep it in the data directory (mode 0600). */
  readonly generate: boolean;
}

/**
 * The master key that wraps the per-advocate data keys: VOUCH_MASTER_KEY (base64 of 32
 * bytes), else `master.key` in the data directory, else (for development) a new one kept
 * there with mode 0600. Losing it makes every advocate's personal data unreadable.
 */
export function resolveMasterKey(env: Env, dataDir: string, options: SecretOptions): Secret<Buffer> {
  const fromEnv = env.VOUCH_MASTER_KEY?.trim();
  if (fromEnv) return { value: decodeMasterKey(fromEnv, 'VOUCH_MASTER_KEY'), source: 'environment' };
  const file = join(dataDir, MASTER_KEY_FILE);
  if (existsSync(file)) {
    checkPrivate(file);
    return { value: decodeMasterKey(readFileSync(file, 'utf8').trim(), file), source: 'file', file };
  }
  if (!options.generate) {
    throw new ConfigError([
      `No master key: set VOUCH_MASTER_KEY (base64 of 32 bytes, e.g. \`openssl rand -base64 32\`) or put it in ${file}.`,
    ]);
  }
  const key = randomBytes(32);
  writePrivate(dataDir, file, `${key.toString('base64')}\n`);
  return { value: key, source: 'generated', file };
}

/**
 * The HS256 secret development tokens are signed with: VOUCH_JWT_SECRET (at least 32
 * bytes), else `jwt.secret` in the data directory, else a new one kept there (mode 0600).
 */
export function resolveJwtSecret(env: Env, dataDir: string, options: SecretOptions): Secret<string> {
  const fromEnv = env.VOUCH_JWT_SECRET;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (Buffer.byteLength(fromEnv, 'utf8') < 32) {
      throw new ConfigError([
        `VOUCH_JWT_SECRET must be at least 32 bytes long (it has ${Buffer.byteLength(fromEnv, 'utf8')}).`,
      ]);
    }
    return { value: fromEnv, source: 'environment' };
  }
  const file = join(dataDir, JWT_SECRET_FILE);
  if (existsSync(file)) {
    checkPrivate(file);
    const value = readFileSync(file, 'utf8').trim();
    if (Buffer.byteLength(value, 'utf8') < 32) {
      throw new ConfigError([`${file} must hold a secret of at least 32 bytes.`]);
    }
    return { value, source: 'file', file };
  }
  if (!options.generate) {
    throw new ConfigError([`No JWT secret: set VOUCH_JWT_SECRET (at least 32 bytes) or put it in ${file}.`]);
  }
  const value = randomBytes(32).toString('base64url');
  writePrivate(dataDir, file, `${value}\n`);
  return { value, source: 'generated', file };
}

/** Decodes a base64 master key; exactly 32 bytes. */
export function decodeMasterKey(text: string, source: string): Buffer {
  if (!BASE64.test(text) || text.length % 4 !== 0) {
    throw new ConfigError([`${source} must be base64 (e.g. \`openssl rand -base64 32\`).`]);
  }
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32) {
    throw new ConfigError([`${source} must decode to 32 bytes (it decodes to ${key.length}).`]);
  }
  return key;
}

/** Refuses a secret file that other users may read. */
export function checkPrivate(file: string): void {
  if (process.platform === 'win32') return;
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new ConfigError([
      `${file} is readable by other users (mode ${mode.toString(8)}); run \`chmod 600 ${file}\`.`,
    ]);
  }
}

/** Writes a new secret file with mode 0600 (never over an existing one). */
export function writePrivate(dir: string, file: string, content: string): void {
  ensureDataDir(dir);
  // `wx`: never overwrite a key another process just wrote.
  writeFileSync(file, content, { mode: 0o600, flag: 'wx' });
}

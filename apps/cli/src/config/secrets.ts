import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config-error';
import { ensureDataDir } from './data-dir';
import { jwtSecretWeakness, masterKeyWeakness } from './secret-strength';
import type { Environment } from './server-config';

type Env = Readonly<Record<string, string | undefined>>;

const MASTER_KEY_FILE = 'master.key';
const JWT_SECRET_FILE = 'jwt.secret';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Where a secret came from, for the start-up report (never the secret itself). */
export interface Secret<T> {
  readonly value: T;
  /** `generated`: made in memory; `keepGenerated` writes it once all configuration is valid. */
  readonly source: 'environment' | 'file' | 'generated';
  readonly file?: string;
  /** The text a generated secret's file holds. */
  readonly fileText?: string;
}

/** Where secrets may come from besides the environment. */
export interface SecretOptions {
  /** Outside development only the environment counts: no file is read, nothing generated. */
  readonly environment: Environment;
  /** In development, make one when neither the environment nor the data directory has it. */
  readonly generate: boolean;
}

/**
 * The master key that wraps the per-advocate data keys: VOUCH_MASTER_KEY (base64 of 32
 * bytes); in development also `master.key` in the data directory, else a new one (kept
 * there by `keepGenerated`). Writes nothing; throws ConfigError naming every problem.
 * Losing the key makes every advocate's personal data unreadable.
 */
export function resolveMasterKey(env: Env, dataDir: string, options: SecretOptions): Secret<Buffer> {
  const fromEnv = env.VOUCH_MASTER_KEY?.trim();
  if (fromEnv) return { value: strongMasterKey(fromEnv, 'VOUCH_MASTER_KEY'), source: 'environment' };
  const file = join(dataDir, MASTER_KEY_FILE);
  if (options.environment !== 'development') {
    throw new ConfigError([
      `VOUCH_MASTER_KEY must be set outside development (base64 of 32 bytes: \`openssl rand -base64 32\`); ${file} is read in development only.`,
    ]);
  }
  if (existsSync(file)) {
    checkPrivate(file);
    return { value: strongMasterKey(readFileSync(file, 'utf8').trim(), file), source: 'file', file };
  }
  if (!options.generate) {
    throw new ConfigError([
      `No master key: set VOUCH_MASTER_KEY (base64 of 32 bytes, e.g. \`openssl rand -base64 32\`) or put it in ${file}.`,
    ]);
  }
  const key = randomBytes(32);
  return { value: key, source: 'generated', file, fileText: `${key.toString('base64')}\n` };
}

/**
 * The HS256 secret tokens are signed with: VOUCH_JWT_SECRET (at least 32 bytes, not
 * predictable); in development also `jwt.secret` in the data directory, else a new one.
 * Writes nothing; throws ConfigError naming the problem.
 */
export function resolveJwtSecret(env: Env, dataDir: string, options: SecretOptions): Secret<string> {
  const fromEnv = env.VOUCH_JWT_SECRET;
  if (fromEnv !== undefined && fromEnv !== '') {
    return { value: strongJwtSecret(fromEnv, 'VOUCH_JWT_SECRET'), source: 'environment' };
  }
  const file = join(dataDir, JWT_SECRET_FILE);
  if (options.environment !== 'development') {
    throw new ConfigError([
      `VOUCH_JWT_SECRET must be set outside development (at least 32 random bytes: \`openssl rand -base64 32\`); ${file} is read in development only.`,
    ]);
  }
  if (existsSync(file)) {
    checkPrivate(file);
    return { value: strongJwtSecret(readFileSync(file, 'utf8').trim(), file), source: 'file', file };
  }
  if (!options.generate) {
    throw new ConfigError([`No JWT secret: set VOUCH_JWT_SECRET (at least 32 bytes) or put it in ${file}.`]);
  }
  const value = randomBytes(32).toString('base64url');
  return { value, source: 'generated', file, fileText: `${value}\n` };
}

/** Writes a generated secret to its file (mode 0600, data directory 0700); others need nothing. */
export function keepGenerated(secret: Secret<unknown>, dataDir: string): void {
  if (secret.source !== 'generated') return;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  ensureDataDir(dataDir);
  // `wx`: never overwrite a key another process just wrote.
  writeFileSync(secret.file!, secret.fileText!, { mode: 0o600, flag: 'wx' });
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

/** Decodes a master key and refuses one that is not a key (one byte repeated). */
export function strongMasterKey(text: string, source: string): Buffer {
  const key = decodeMasterKey(text, source);
  const weakness = masterKeyWeakness(key, source);
  if (weakness) throw new ConfigError([weakness]);
  return key;
}

function strongJwtSecret(secret: string, source: string): string {
  const weakness = jwtSecretWeakness(secret, source);
  if (weakness) throw new ConfigError([weakness]);
  return secret;
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

import type { KeyObject } from 'node:crypto';
import { createPublicKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIo } from '../cli-io';
import { ConfigError } from '../config/config-error';
import { ExitCode } from '../config/exit-codes';
import { resolveSigningKey } from '../config/signing-key';
import { resolveStoreConfig, type StoreConfig, type StoreFlags } from '../config/store-config';
import { readKeptDigest, readPublicKeyFile, type KeptDigest } from '../integrity/digest-export-file';
import { verifyStore } from '../integrity/verify-store';
import { ProgressLine } from '../rebuild/progress-line';
import { openStore } from '../stores/open-store';
import { commandEnvironment } from '../config/server-config';

export interface VerifyFlags extends StoreFlags {
  readonly tenant: string;
  /** A copy of a SQLite store file. */
  readonly file?: string;
  readonly digest?: string;
  readonly publicKey?: string;
  readonly latestOnly?: boolean;
}

/**
 * `vouch verify`: checks a store (or a copy of it) against the product's signed digests
 * and a digest the reviewer kept, offline: no master key, no server. Exit 0 when every
 * check passes, 1 at the first break (or with nothing signed to check against).
 */
export async function runVerify(flags: VerifyFlags, io: CliIo): Promise<ExitCode> {
  const config = storeToVerify(flags, io);
  const kept = flags.digest ? readKeptDigest(flags.digest) : undefined;
  const { key, source } = publicKeyFor(flags, kept, config, io);
  const opened = await openStore(config, { readOnly: true });
  try {
    io.stdout(`Verifying tenant ${flags.tenant} in ${opened.description}\n`);
    // The last position bounds the tenant's events (exact with one tenant); counting them would read every head.
    const total = Number(await opened.store.lastCheckpoint(flags.tenant));
    const progress = new ProgressLine(io.stderr, io.interactive, 'Verifying');
    const { report, lines } = await verifyStore({
      store: opened.store,
      log: opened.signedDigests,
      tenantId: flags.tenant,
      publicKey: key,
      publicKeySource: source,
      ...(kept ? { kept } : {}),
      ...(flags.latestOnly ? { latestOnly: true } : {}),
      onProgress: (n) => progress.update(n, total),
    });
    progress.finish();
    for (const line of lines) io.stdout(`${line}\n`);
    const signedSomething = report.digestsChecked > 0 || kept !== undefined;
    return report.ok && signedSomething ? ExitCode.OK : ExitCode.FAILURE;
  } finally {
    await opened.close();
  }
}

function storeToVerify(flags: VerifyFlags, io: CliIo): StoreConfig {
  if (flags.file) {
    const file = resolve(flags.file);
    // Opening a missing file would create an empty store and "verify" that.
    if (!existsSync(file)) throw new ConfigError([`--file ${file} does not exist.`]);
    return { ...resolveStoreConfig({ ...flags, store: 'sqlite' }, io.env), sqliteFile: file };
  }
  const config = resolveStoreConfig(flags, io.env);
  if (config.kind === 'sqlite' && !existsSync(config.sqliteFile)) {
    throw new ConfigError([
      `There is no store at ${config.sqliteFile}: give --file, --data-dir or --database-url.`,
    ]);
  }
  return config;
}

/** The key to check signatures with: --public-key, else the kept export's, else the configured signing key's. */
export function publicKeyFor(
  flags: Pick<VerifyFlags, 'publicKey'>,
  kept: KeptDigest | undefined,
  config: StoreConfig,
  io: CliIo,
): { key: KeyObject; source: string } {
  if (flags.publicKey) return { key: readPublicKeyFile(flags.publicKey), source: `from ${flags.publicKey}` };
  if (kept?.publicKey) return { key: kept.publicKey, source: `from ${kept.file}` };
  try {
    const signing = resolveSigningKey(io.env, config.dataDir, {
      environment: commandEnvironment(io.env),
      generate: false,
    });
    return {
      key: createPublicKey(signing.value),
      source: `of the configured signing key (${signing.source})`,
    };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError([
      'No public key to check the signatures with: give --public-key FILE or --digest FILE (an export of `vouch digest export`).',
    ]);
  }
}

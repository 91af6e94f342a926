import { createPublicKey } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { DigestKeeper } from '@vouch/application';
import { publicKeyId, systemClock } from '@vouch/event-store';
import type { CliIo } from '../cli-io';
import { ExitCode } from '../config/exit-codes';
import { resolveSigningKey } from '../config/signing-key';
import { resolveStoreConfig, type StoreFlags } from '../config/store-config';
import { digestExportFile } from '../integrity/digest-export-file';
import { openStore } from '../stores/open-store';
import { commandEnvironment } from '../config/server-config';

export interface DigestFlags extends StoreFlags {
  readonly tenant: string;
  readonly out?: string;
}

/** `vouch digest public-key`: the public half of the configured signing key, in PEM. */
export function printPublicKey(flags: { dataDir?: string }, io: CliIo): ExitCode {
  const { dataDir } = resolveStoreConfig(flags.dataDir ? { dataDir: flags.dataDir } : {}, io.env);
  const key = createPublicKey(
    resolveSigningKey(io.env, dataDir, { environment: commandEnvironment(io.env), generate: false }).value,
  );
  io.stderr(`Key id: ${publicKeyId(key)}\n`);
  io.stdout(key.export({ type: 'spki', format: 'pem' }).toString());
  return ExitCode.OK;
}

/** `vouch digest sign`: has the product sign the tenant's digest now (an operator's on-demand signing). */
export async function signNow(flags: DigestFlags, io: CliIo): Promise<ExitCode> {
  const config = resolveStoreConfig(flags, io.env);
  const signing = resolveSigningKey(io.env, config.dataDir, {
    environment: commandEnvironment(io.env),
    generate: false,
  });
  const opened = await openStore(config, { readOnly: false });
  try {
    const keeper = new DigestKeeper(
      opened.store,
      systemClock,
      { privateKey: signing.value, log: opened.signedDigests, intervalMs: 0 },
      () => undefined,
    );
    const signed = await keeper.sign(flags.tenant, 'on-demand');
    const { sequence, checkpoint, streams, merkleRoot } = signed.statement;
    io.stdout(
      `Signed digest #${sequence} of ${flags.tenant}: ${streams} streams up to position ${Number(checkpoint)}, root ${merkleRoot}\n`,
    );
    return ExitCode.OK;
  } finally {
    await opened.close();
  }
}

/**
 * `vouch digest export`: the tenant's latest signed digest with the public key, as a small
 * JSON file a reviewer keeps outside the system (and later gives to `vouch verify --digest`).
 */
export async function exportDigest(flags: DigestFlags, io: CliIo): Promise<ExitCode> {
  const config = resolveStoreConfig(flags, io.env);
  const signing = resolveSigningKey(io.env, config.dataDir, {
    environment: commandEnvironment(io.env),
    generate: false,
  });
  const opened = await openStore(config, { readOnly: true });
  try {
    const latest = await opened.signedDigests.latest(flags.tenant);
    if (!latest) {
      io.stderr(
        `vouch: tenant ${flags.tenant} has no signed digest yet: run \`vouch digest sign\` or serve it.\n`,
      );
      return ExitCode.FAILURE;
    }
    const publicKey = createPublicKey(signing.value);
    if (latest.statement.keyId !== publicKeyId(publicKey)) {
      io.stderr(
        `vouch: the latest digest was signed by key ${latest.statement.keyId}, not the configured ${publicKeyId(publicKey)}.\n`,
      );
      return ExitCode.FAILURE;
    }
    // Compact: the stream heads make up most of it.
    const text = `${JSON.stringify(digestExportFile(latest, publicKey, new Date().toISOString()))}\n`;
    if (flags.out) {
      writeFileSync(flags.out, text);
      io.stderr(`Wrote signed digest #${latest.statement.sequence} of ${flags.tenant} to ${flags.out}\n`);
    } else {
      io.stdout(text);
    }
    return ExitCode.OK;
  } finally {
    await opened.close();
  }
}

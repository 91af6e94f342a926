import { existsSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CliIo } from '../cli-io';
import { copySqliteOnline, settleAsSingleFile } from '../backup/sqlite-online-copy';
import { keysKeptApart } from '../backup/keys-kept-apart';
import { copySummary, verifySqliteCopy } from '../backup/verify-sqlite-copy';
import { ConfigError } from '../config/config-error';
import { ExitCode } from '../config/exit-codes';
import { resolveStoreConfig, type StoreFlags } from '../config/store-config';
import { publicKeyFor } from './verify';

export interface BackupFlags extends StoreFlags {
  readonly out: string;
  readonly publicKey?: string;
}

/**
 * `vouch backup`: an online copy of the SQLite store (while `vouch serve` writes), mode
 * 0600, then verified as `vouch verify` would (chains, signed digests, signed heads).
 * The master key and the signing key are not in it: the operator keeps them apart.
 */
export async function runBackup(flags: BackupFlags, io: CliIo): Promise<ExitCode> {
  const config = resolveStoreConfig(flags, io.env);
  if (config.kind !== 'sqlite') {
    throw new ConfigError([
      `vouch backup copies the SQLite store; back up ${config.kind} with its own tools: see docs/deployment.md, "Backup and restore".`,
    ]);
  }
  if (!existsSync(config.sqliteFile)) throw new ConfigError([`There is no store at ${config.sqliteFile}.`]);
  const out = resolve(flags.out);
  if (existsSync(out)) throw new ConfigError([`--out ${out} exists: a backup never overwrites a file.`]);
  if (!existsSync(dirname(out)))
    throw new ConfigError([`--out: the directory ${dirname(out)} does not exist.`]);
  // Found before copying: a backup that cannot be verified is refused before anything is written.
  const { key, source } = publicKeyFor(flags, undefined, config, io);

  const started = process.hrtime.bigint();
  let pages: number;
  try {
    pages = await copySqliteOnline(config.sqliteFile, out);
  } catch (error) {
    removeCopy(out);
    throw error;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  io.stdout(
    `Backed up SQLite ${config.sqliteFile} to ${out} (${pages.toLocaleString('en-US')} pages, mode 0600) in ${seconds.toFixed(2)} s.\n`,
  );
  const reports = await verifySqliteCopy(out, key, source);
  settleAsSingleFile(out);
  for (const report of reports) io.stdout(`${copySummary(report)}\n`);
  const failed = reports.filter((report) => !report.ok);
  for (const report of failed) for (const line of report.lines) io.stdout(`  ${line}\n`);
  io.stdout(`${keysKeptApart(config.dataDir)}\n`);
  if (failed.length > 0) {
    io.stdout(`Result: FAILED: the copy does not verify; do not rely on ${out}.\n`);
    return ExitCode.FAILURE;
  }
  io.stdout(`Result: OK: the copy verifies, checked with the public key ${source}.\n`);
  return ExitCode.OK;
}

/** A copy that failed half-way is no backup: it goes, with any journal SQLite left beside it. */
function removeCopy(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

import type { KeyObject } from 'node:crypto';
import { createPublicKey } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { checkMasterKey, masterKeyCheckValue } from '@vouch/event-store';
import { readSqliteKeyCheck, sampleSqliteWrappedKey, SqliteEventStore } from '@vouch/event-store-sqlite';
import type { CliIo } from '../cli-io';
import { copySqliteOnline } from '../backup/sqlite-online-copy';
import { keysKeptApart } from '../backup/keys-kept-apart';
import { copySummary, verifySqliteCopy } from '../backup/verify-sqlite-copy';
import { ConfigError } from '../config/config-error';
import { ConfigIssues } from '../config/config-issues';
import { ensureDataDir } from '../config/data-dir';
import { ExitCode } from '../config/exit-codes';
import { strongMasterKey } from '../config/secrets';
import { decodeSigningKey } from '../config/signing-key';
import { readPublicKeyFile } from '../integrity/digest-export-file';

export interface RestoreFlags {
  readonly from: string;
  readonly dataDir: string;
  readonly masterKeyFile?: string;
  readonly publicKey?: string;
}

const STORE_FILE = 'vouch.db';

/**
 * `vouch restore`: makes a new data directory from a backup. Refuses a target that holds
 * anything, and a master key other than the one the backup's data keys are wrapped with
 * (checked against the copy's key check value before anything is written); copies,
 * verifies the copy as `vouch verify` would, and only then puts it in place.
 */
export async function runRestore(flags: RestoreFlags, io: CliIo): Promise<ExitCode> {
  const issues = new ConfigIssues();
  const from = resolve(flags.from);
  const target = resolve(flags.dataDir);
  issues.attempt(() => {
    if (!existsSync(from)) throw new ConfigError([`--from ${from} does not exist.`]);
  });
  issues.attempt(() => {
    if (existsSync(target) && readdirSync(target).length > 0) {
      throw new ConfigError([
        `--data-dir ${target} is not empty: restore only into a new or empty directory (nothing was changed).`,
      ]);
    }
  });
  const masterKey = issues.attempt(() => masterKeyFor(flags, io));
  const publicKey = issues.attempt(() => publicKeyFor(flags, io));
  issues.throwIfAny();

  // The wrong key is refused here, by the copy's own key check value: nothing is written yet.
  checkBackupKey(from, masterKey!);

  const created = !existsSync(target);
  mkdirSync(target, { recursive: true, mode: 0o700 });
  const restoring = join(target, `${STORE_FILE}.restoring`);
  try {
    const pages = await copySqliteOnline(from, restoring);
    io.stdout(`Copied ${from} (${pages.toLocaleString('en-US')} pages) into ${target}.\n`);
    const reports = await verifySqliteCopy(restoring, publicKey!.key, publicKey!.source);
    for (const report of reports) io.stdout(`${copySummary(report)}\n`);
    const failed = reports.filter((report) => !report.ok);
    if (failed.length > 0) {
      for (const report of failed) for (const line of report.lines) io.stdout(`  ${line}\n`);
      removeRestore(target, restoring, created);
      io.stdout(`Result: FAILED: ${from} does not verify; nothing was restored.\n`);
      return ExitCode.FAILURE;
    }
    renameSync(restoring, join(target, STORE_FILE));
  } catch (error) {
    removeRestore(target, restoring, created);
    throw error;
  }
  // Opened once with the key, as `vouch serve` will: the key check passes on the restored file.
  await SqliteEventStore.open({ filename: join(target, STORE_FILE), masterKey: masterKey! }).close();
  ensureDataDir(target);
  io.stdout(
    `Restored into ${join(target, STORE_FILE)}. Start Vouch with --data-dir ${target}, the same master key ` +
      `(key check ${masterKeyCheckValue(masterKey!).slice(0, 11)}…) and the same signing key.\n`,
  );
  io.stdout(`${keysKeptApart(target)}\n`);
  io.stdout('Result: OK: restored and verified.\n');
  return ExitCode.OK;
}

/** Throws MasterKeyMismatchError (or KeyRotationInProgressError) unless the backup was made under `masterKey`. */
function checkBackupKey(file: string, masterKey: Buffer): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const recorded = readSqliteKeyCheck(db);
    const sample = recorded ? undefined : sampleSqliteWrappedKey(db);
    checkMasterKey(masterKey, { recorded, sample }, `the backup ${file}`);
  } finally {
    db.close();
  }
}

/** The master key: --master-key-file, else VOUCH_MASTER_KEY (the new directory has no master.key yet). */
function masterKeyFor(flags: RestoreFlags, io: CliIo): Buffer {
  if (flags.masterKeyFile) {
    if (!existsSync(flags.masterKeyFile)) {
      throw new ConfigError([`--master-key-file ${flags.masterKeyFile} does not exist.`]);
    }
    return strongMasterKey(readFileSync(flags.masterKeyFile, 'utf8').trim(), flags.masterKeyFile);
  }
  const text = io.env.VOUCH_MASTER_KEY?.trim();
  if (!text) {
    throw new ConfigError([
      'Restore needs the master key the backup was made under: --master-key-file <file> or VOUCH_MASTER_KEY.',
    ]);
  }
  return strongMasterKey(text, 'VOUCH_MASTER_KEY');
}

/** The key the copy's digests are checked with: --public-key, else VOUCH_SIGNING_KEY's. */
function publicKeyFor(flags: RestoreFlags, io: CliIo): { key: KeyObject; source: string } {
  if (flags.publicKey) return { key: readPublicKeyFile(flags.publicKey), source: `from ${flags.publicKey}` };
  const text = io.env.VOUCH_SIGNING_KEY?.trim();
  if (!text) {
    throw new ConfigError([
      'Restore verifies the copy against its signed digests: give --public-key FILE (`vouch digest public-key` prints it) or set VOUCH_SIGNING_KEY.',
    ]);
  }
  return {
    key: createPublicKey(decodeSigningKey(text, 'VOUCH_SIGNING_KEY')),
    source: 'of VOUCH_SIGNING_KEY',
  };
}

/** A failed restore leaves nothing behind: the partial copy, and the directory if it made it. */
function removeRestore(target: string, restoring: string, created: boolean): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${restoring}${suffix}`, { force: true });
  if (created) rmSync(target, { recursive: true, force: true });
}
